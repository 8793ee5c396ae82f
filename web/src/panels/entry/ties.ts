/**
 * Which ties a coordinator keeps from the web app (SPEC §10) and which of them join two nodes,
 * from the domain model's relationship definitions (common/model.ts). Pure.
 */
import { RELATIONSHIPS, type RelType } from '../../../../common/model';
import type { EnumGroup } from '../../i18n';

/** The property inputs of a tie a coordinator sets when connecting. */
export const TIE_PROPS: Partial<
  Record<RelType, Array<{ name: string; group?: EnumGroup; values?: readonly string[] }>>
> = {
  KNOWS: [{ name: 'strength', values: ['1', '2', '3'] }, { name: 'context' }],
  WORKS_AT: [{ name: 'title' }],
  MEMBER_OF: [{ name: 'engagement', values: ['1', '2', '3'] }],
  SUPPORTS: [
    { name: 'kind', group: 'supportKind', values: RELATIONSHIPS.SUPPORTS.props.shape.kind.options },
  ],
  HAS_CHALLENGE: [{ name: 'priority', values: ['1', '2', '3'] }],
  HAS_SKILL: [{ name: 'level', values: ['1', '2', '3'] }],
  ENGAGED_WITH: [
    {
      name: 'status',
      group: 'engagementStatus',
      values: RELATIONSHIPS.ENGAGED_WITH.props.shape.status.options,
    },
  ],
};
/** Ties a coordinator keeps (§10); the others belong to the structure or to introductions. */
export const KEPT_TIES: readonly RelType[] = [
  'KNOWS',
  'WORKS_AT',
  'SUPPORTS',
  'PARTNERS_WITH',
  'MEMBER_OF',
  'HAS_SKILL',
  'HAS_CHALLENGE',
  'ENGAGED_WITH',
  'ATTENDED',
  'HOSTED',
  'PARTICIPATED',
];

/** The tie types a node of a kind can have, with the kinds at the other end and its side. */
export function tieChoices(kind: string): Array<{ type: RelType; out: boolean; other: string[] }> {
  const out: Array<{ type: RelType; out: boolean; other: string[] }> = [];
  for (const type of KEPT_TIES) {
    const spec = RELATIONSHIPS[type];
    if ((spec.from as readonly string[]).includes(kind))
      out.push({ type, out: true, other: [...spec.to] });
    else if ((spec.to as readonly string[]).includes(kind))
      out.push({ type, out: false, other: [...spec.from] });
  }
  return out;
}

/** A tie type that joins two given nodes, and at which of the two it starts. */
export interface TieOption {
  type: RelType;
  /** 'a': from the first node to the second; 'b': the other way. */
  from: 'a' | 'b';
}

interface End {
  kind: string;
  isTalent?: boolean;
}

/**
 * The kept tie types that can join node `a` to node `b` (common/model.ts's ends), the best
 * suited first: KEPT_TIES's order, but a talent and an SME first as ENGAGED_WITH (a match),
 * before WORKS_AT. A symmetric type between two nodes of one kind is offered once, from `a`.
 */
export function tiesBetween(a: End, b: End): TieOption[] {
  const out: TieOption[] = [];
  for (const type of KEPT_TIES) {
    const spec = RELATIONSHIPS[type];
    const from = spec.from as readonly string[];
    const to = spec.to as readonly string[];
    if (from.includes(a.kind) && to.includes(b.kind)) out.push({ type, from: 'a' });
    else if (from.includes(b.kind) && to.includes(a.kind)) out.push({ type, from: 'b' });
  }
  const talentMatch =
    (a.kind === 'Person' && a.isTalent && b.kind === 'SME') ||
    (b.kind === 'Person' && b.isTalent && a.kind === 'SME');
  if (!talentMatch) return out;
  return [
    ...out.filter((o) => o.type === 'ENGAGED_WITH'),
    ...out.filter((o) => o.type !== 'ENGAGED_WITH'),
  ];
}
