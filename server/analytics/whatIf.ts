/**
 * What if a person left? (SPEC §4.4 `whatIfRemoved`)
 */
import type { NetworkGraph } from './graph';
import { AnalyticsInputError, buildContext, compareIds, listNames, nameOf } from './context';
import { dependencyCuts, networkGapsCtx } from './gaps';
import { type KeyPersonScore, keyPersonGroupCtx } from './keyPerson';
import type { RemovalImpact } from '../../common/answers';

export type { RemovalImpact };

export interface WhatIfOptions {
  asOf?: string;
  followUpDays?: number;
  /** The キーパーソン群 before the removal; computed when absent. Reused (minus the person) after. */
  keyPersons?: KeyPersonScore[];
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
  const cut = new Set<string>();
  for (const c of dependencyCuts(ctx, personId)) for (const id of c.cutOff) cut.add(id);
  const cutOffIds = [...cut].sort(compareIds);
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
  const cutOffNames = cutOffIds.map((id) => nameOf(g, id));
  const cutOffSmes = cutOffIds.filter((id) => g.getNodeAttribute(id, 'kind') === 'SME').length;
  const cutOffOrgs = cutOffIds.length - cutOffSmes;
  const names = listNames(cutOffNames);
  const explanationJa =
    (cutOffIds.length > 0
      ? `${name}さんがいなくなると、${names.ja}（企業${cutOffSmes}社・機関${cutOffOrgs}団体）に主体組織から届かなくなります。`
      : `${name}さんがいなくなっても、主体組織から切り離される企業・機関はありません。`) +
    `失われるつながりは${lostTies}本、新たに生じるギャップは${newGaps.length}件です。`;
  const explanationEn =
    (cutOffIds.length > 0
      ? `If ${name} left, the lead organisation could no longer reach ${names.en} (${cutOffSmes} companies, ${cutOffOrgs} organisations). `
      : `If ${name} left, no company or organisation would be cut off from the lead organisation. `) +
    `${lostTies} ties would be lost and ${newGaps.length} new gaps would appear.`;
  return {
    personId,
    personName: name,
    cutOffIds,
    cutOffNames,
    cutOffSmes,
    cutOffOrgs,
    newGaps,
    lostTies,
    explanationJa,
    explanationEn,
  };
}
