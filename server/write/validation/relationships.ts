/**
 * The second stage of validation: the relationship rows (schema, self-loops of symmetric
 * types, duplicates), then their endpoints (endpoints.ts).
 */
import type { z } from 'zod';
import {
  REL_TYPES,
  SYMMETRIC_REL_TYPES,
  relationshipRowSchema,
  type RelType,
} from '../../../common/model';
import { relFields } from '../../import/fields';
import type { ChangeSet, RowSource } from '../changeSet';
import { sortProblems } from '../errors';
import { endpointsOk, type PendingRel } from './endpoints';
import { lookupIds, markUnchangedRels } from './lookup';
import type { NodeValidation } from './nodes';
import type { PreparedRel, ValidationResult } from './prepared';
import type { Reader } from './reader';
import { show } from './reasons';
import { checkRow, fieldEntries, problem, sourceOf } from './rows';
import { toNeo4j } from './values';
import { Yielder } from './yielder';

/**
 * The second stage: the relationship rows (`relationships`, and `ensure`, whose rows never
 * update an existing relationship: they are prepared with nothing to set), their endpoints (in
 * the input, else looked up in the database) and the endpoint labels. The result holds the
 * errors of both stages, sorted, and everything prepared. With `yieldNow`, the work pauses for
 * the event loop every ~20 ms (the node writes of the same bulk write run meanwhile). With
 * `markUnchanged` (the writer's call), rows whose relationship the database already holds as
 * given are marked `unchanged`.
 */
export async function validateRelationships(
  read: Reader | null,
  stage: NodeValidation,
  changes: Pick<ChangeSet, 'relationships' | 'ensure' | 'sources'>,
  opts: { yieldNow?: boolean; markUnchanged?: boolean } = {},
): Promise<ValidationResult> {
  const sources = changes.sources;
  const { nodeIds, failedIds, prepared } = stage;
  const errors = [...stage.errors];
  const pause = new Yielder(opts.yieldNow ?? false);

  // Relationships (row checks)
  // Each endpoint is looked up once; `a`/`b` are the endpoints' input nodes (if in the input).
  const pending: PendingRel[] = [];
  // Duplicates, per type: by the endpoints' input positions when both are in the input (a
  // number key, cheap to hash), else by their ids.
  const relKeysByIndex = new Map<RelType, Map<number, RowSource>>();
  const relKeysById = new Map<string, RowSource>();
  const width = nodeIds.size + 1;
  const kinds = [
    ['relationships', changes.relationships],
    ['ensure', changes.ensure],
  ] as const;
  for (const [kind, ofKind] of kinds) {
    for (const [typeKey, rows] of Object.entries(ofKind ?? {})) {
      if (!rows) continue;
      if (!(REL_TYPES as string[]).includes(typeKey)) {
        errors.push(
          problem(
            { file: `${kind}.${typeKey}`, row: 0 },
            '',
            `unknown relationship type (expected one of ${REL_TYPES.join(', ')})`,
          ),
        );
        continue;
      }
      const type = typeKey as RelType;
      const fields = relFields(type);
      const schema = relationshipRowSchema(type) as unknown as z.ZodType;
      const symmetric = SYMMETRIC_REL_TYPES.has(type);
      for (let i = 0; i < rows.length; i++) {
        if (pause.due()) await pause.pause();
        const raw = rows[i];
        const src = sourceOf(sources, kind, type, i);
        const { ok, parsed, row } = checkRow(type, schema, fields, raw, src, errors);
        if (!ok) continue;
        const from = parsed.from as string;
        const to = parsed.to as string;
        if (symmetric && from === to) {
          errors.push(
            problem(
              src,
              'to',
              `${type} must join two different nodes (from and to are both ${show(from)})`,
            ),
          );
          continue;
        }
        const a = nodeIds.get(from);
        const b = nodeIds.get(to);
        let keys: Map<string | number, RowSource>;
        let key: string | number;
        if (a && b) {
          let byIndex = relKeysByIndex.get(type);
          if (!byIndex) relKeysByIndex.set(type, (byIndex = new Map()));
          keys = byIndex as Map<string | number, RowSource>;
          key =
            symmetric && b.index < a.index ? b.index * width + a.index : a.index * width + b.index;
        } else {
          keys = relKeysById as Map<string | number, RowSource>;
          key = symmetric && to < from ? `${type}|${to}|${from}` : `${type}|${from}|${to}`;
        }
        const prev = keys.get(key);
        if (prev) {
          errors.push(
            problem(
              src,
              'from',
              `duplicate ${type} ${show(from)} → ${show(to)}: already in ${prev.file} row ${prev.row}${symmetric ? ` (${type} is symmetric: b→a is the same as a→b)` : ''}`,
            ),
          );
          continue;
        }
        keys.set(key, src);
        const p: PreparedRel = { from, to, set: {}, create: {} };
        for (const [k, info] of fieldEntries(fields)) {
          if (k === 'from' || k === 'to') continue;
          const v = toNeo4j(info, parsed[k]);
          // An `ensure` row sets nothing on a relationship that is already there.
          if (k in row && kind === 'relationships') p.set[k] = v;
          if (v !== null) p.create[k] = v;
        }
        pending.push({ type, p, src, a, b });
      }
    }
  }

  // Endpoints not in the input: looked up in the database.
  const lookup = new Set<string>();
  for (const { p, a, b } of pending) {
    if (!a && !failedIds.has(p.from)) lookup.add(p.from);
    if (!b && !failedIds.has(p.to)) lookup.add(p.to);
  }
  const inDb = stage.inDb;
  if (read && lookup.size > 0) await lookupIds(read, [...lookup], inDb);

  for (const rel of pending) {
    if (endpointsOk(rel, failedIds, inDb, errors))
      (prepared.relationships[rel.type] ??= []).push(rel.p);
  }

  // Nothing is written if there are errors: then no need to look further.
  if (read && opts.markUnchanged && errors.length === 0)
    await markUnchangedRels(read, prepared.relationships, inDb);
  return { errors: sortProblems(errors), prepared };
}
