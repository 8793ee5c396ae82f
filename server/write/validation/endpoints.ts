/**
 * The endpoints of a relationship row: each in the input or in the database, with a label the
 * relationship type allows.
 */
import { RELATIONSHIPS, type NodeLabel, type RelType } from '../../../common/model';
import type { RowSource } from '../changeSet';
import type { WriteProblem } from '../errors';
import type { DbNode } from './lookup';
import type { InputNode } from './nodes';
import type { PreparedRel } from './prepared';
import { show } from './reasons';
import { problem } from './rows';

/** A relationship row that passed its row checks; `a`/`b`: its endpoints' input nodes, if any. */
export interface PendingRel {
  type: RelType;
  p: PreparedRel;
  src: RowSource;
  a: InputNode | undefined;
  b: InputNode | undefined;
}

/**
 * Checks both endpoints of `rel`; their problems go to `errors`. True if both are fine.
 * `failedIds`: ids of node rows of the input that were rejected (with their labels);
 * `inDb`: the ids found in the database.
 */
export function endpointsOk(
  rel: PendingRel,
  failedIds: ReadonlyMap<string, NodeLabel>,
  inDb: ReadonlyMap<string, DbNode>,
  errors: WriteProblem[],
): boolean {
  const { type, p, src, a, b } = rel;
  const spec = RELATIONSHIPS[type];
  let ok = true;
  for (const end of ['from', 'to'] as const) {
    const id = p[end];
    const input = end === 'from' ? a : b;
    const allowed = spec[end] as readonly NodeLabel[];
    const rejected = input ? undefined : failedIds.get(id);
    if (rejected !== undefined) {
      // The node's own row has errors (reported there); only a wrong label is worth saying.
      if (!allowed.includes(rejected)) {
        errors.push(
          problem(
            src,
            end,
            `${show(id)} is a ${rejected}, but ${type} must ${end === 'from' ? 'start at' : 'point to'} a ${allowed.join(' or ')}`,
          ),
        );
      }
      ok = false;
      continue;
    }
    const label = input ? input.label : inDb.get(id)?.label;
    if (label === undefined) {
      errors.push(
        problem(
          src,
          end,
          `no node with id ${show(id)} in this change or in the database (expected the id of a ${allowed.join(' or ')})`,
        ),
      );
      ok = false;
    } else if (label === null || !allowed.includes(label)) {
      errors.push(
        problem(
          src,
          end,
          `${show(id)} is a ${label ?? 'node of another kind'}, but ${type} must ${end === 'from' ? 'start at' : 'point to'} a ${allowed.join(' or ')}`,
        ),
      );
      ok = false;
    }
  }
  return ok;
}
