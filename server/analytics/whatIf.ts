/**
 * What if a person left? (SPEC §4.4 `whatIfRemoved`): the dept SMEs, member organisations and
 * persons that would lose their last path to their dept's lead, each stranded person with why,
 * and the gaps that would appear. See docs/analytics.md.
 */
import type { NetworkGraph } from './graph';
import {
  type Ctx,
  AnalyticsInputError,
  buildContext,
  compareIds,
  isNewcomer,
  isTalent,
  listNames,
  nameOf,
} from './context';
import { type DependencyCut, dependencyCuts, describeCut, networkGapsCtx } from './gaps';
import { type KeyPersonScore, keyPersonGroupCtx } from './keyPerson';
import type { RemovalImpact, StrandedPerson, StrandedRole } from '../../common/answers';

export type { RemovalImpact, StrandedPerson, StrandedRole };

export interface WhatIfOptions {
  asOf?: string;
  followUpDays?: number;
  /** The キーパーソン群 before the removal; computed when absent. Reused (minus the person) after. */
  keyPersons?: KeyPersonScore[];
}

const ROLE_ORDER: Record<StrandedRole, number> = { talent: 0, newcomer: 1, staff: 2, other: 3 };
const ROLE_TEXT: Record<StrandedRole, { ja: string; en: string }> = {
  talent: { ja: '兼業・副業人材', en: 'side-job talent' },
  newcomer: { ja: '地域外から来た人', en: 'newcomer from outside the region' },
  staff: { ja: '職員', en: 'staff' },
  other: { ja: '地域の人', en: 'local person' },
};

function roleOf(ctx: Ctx, id: string): StrandedRole {
  if (isTalent(ctx.g, id)) return 'talent';
  if (isNewcomer(ctx.g, id)) return 'newcomer';
  return (ctx.worksAt.get(id) ?? []).length > 0 ? 'staff' : 'other';
}

/** The persons a removal strands, talent and newcomers first, each with the lead they lose. */
function strandedPersons(ctx: Ctx, removed: string, cuts: DependencyCut[]): StrandedPerson[] {
  const leadOf = new Map<string, string>();
  for (const c of cuts) {
    const lead = ctx.deptById.get(c.deptId)?.lead;
    if (!lead) continue;
    for (const id of c.cutOff) if (!leadOf.has(id)) leadOf.set(id, lead);
  }
  const removedName = nameOf(ctx.g, removed);
  return [...leadOf.keys()]
    .filter((id) => ctx.g.getNodeAttribute(id, 'kind') === 'Person')
    .map((id) => ({ id, role: roleOf(ctx, id) }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || compareIds(a.id, b.id))
    .map(({ id, role }) => {
      const name = nameOf(ctx.g, id);
      const lead = nameOf(ctx.g, leadOf.get(id) as string);
      const workplaceIds = ctx.worksAt.get(id) ?? [];
      const workplaceNames = workplaceIds.map((w) => nameOf(ctx.g, w));
      const at = listNames(workplaceNames, 2);
      const who = ROLE_TEXT[role];
      const whoJa = workplaceIds.length > 0 ? `${who.ja}、${at.ja}` : who.ja;
      const whoEn = workplaceIds.length > 0 ? `${who.en} at ${at.en}` : who.en;
      return {
        personId: id,
        name,
        role,
        workplaceIds,
        workplaceNames,
        explanationJa: `${name}さん（${whoJa}）と主体組織${lead}をつなぐ経路は、すべて${removedName}さんを通っています。`,
        explanationEn: `Every path between ${name} (${whoEn}) and ${lead}, the lead organisation, goes through ${removedName}.`,
      };
    });
}

export function whatIfRemoved(
  g: NetworkGraph,
  personId: string,
  opts: WhatIfOptions = {},
): RemovalImpact {
  if (!g.hasNode(personId) || g.getNodeAttribute(personId, 'kind') !== 'Person') {
    throw new AnalyticsInputError(`No person with id ${personId}`, 'NOT_FOUND');
  }
  const ctx = buildContext(g);
  const kp = opts.keyPersons ?? keyPersonGroupCtx(ctx);
  const gapOpts = {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    ...(opts.followUpDays !== undefined ? { followUpDays: opts.followUpDays } : {}),
  };
  const before = networkGapsCtx(ctx, { ...gapOpts, keyPersons: kp });
  const cuts = dependencyCuts(ctx, personId);
  const cutOffIds = [...new Set(cuts.flatMap((c) => c.cutOff))].sort(compareIds);
  const pi = ctx.T.index.get(personId);
  const lostTies = pi === undefined ? 0 : ctx.T.off[pi + 1]! - ctx.T.off[pi]!;

  const ctx2 = buildContext(g, { dropNodes: new Set([personId]) });
  const after = networkGapsCtx(ctx2, {
    ...gapOpts,
    keyPersons: kp.filter((k) => k.personId !== personId),
  });
  const beforeIds = new Set(before.map((x) => x.id));
  const newGaps = after.filter((x) => !beforeIds.has(x.id));

  const name = nameOf(g, personId);
  const what = describeCut(ctx, cutOffIds);
  const names = listNames(what.names);
  const counts = what.counts;
  const explanationJa =
    (cutOffIds.length > 0
      ? `${name}さんがいなくなると、${names.ja}（${counts.ja}）に主体組織から届かなくなります。`
      : `${name}さんがいなくなっても、主体組織から切り離される企業・機関・人はいません。`) +
    `失われるつながりは${lostTies}本、新たに生じるギャップは${newGaps.length}件です。`;
  const explanationEn =
    (cutOffIds.length > 0
      ? `If ${name} left, the lead organisation could no longer reach ${names.en} (${counts.en}). `
      : `If ${name} left, no company, organisation or person would be cut off from the lead organisation. `) +
    `${lostTies} ${lostTies === 1 ? 'tie' : 'ties'} would be lost and ${newGaps.length} new ${newGaps.length === 1 ? 'gap' : 'gaps'} would appear.`;
  return {
    personId,
    personName: name,
    cutOffIds,
    cutOffNames: cutOffIds.map((id) => nameOf(g, id)),
    cutOffSmes: what.smes,
    cutOffOrgs: what.orgs,
    cutOffPersons: what.persons,
    strandedPersons: strandedPersons(ctx, personId, cuts),
    newGaps,
    lostTies,
    explanationJa,
    explanationEn,
  };
}
