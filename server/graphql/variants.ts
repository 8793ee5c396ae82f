/**
 * The entity schema in three variants, one per kind of reader (SPEC §8), so that what a role
 * may not see is not in its schema at all — it can be neither selected nor filtered nor sorted
 * on:
 * - `full` (admin, coordinator): every field;
 * - `noContact` (municipality): lines of entities.graphql marked `#@contact` (email, phone)
 *   dropped;
 * - `pseudonymised` (analyst): also the lines marked `#@analyst-hidden` (free-text notes), and
 *   the line marked `#@real-name` (Person.name) computed as Person.displayName is: the alias of
 *   a person who has not consented to a public profile.
 * Region scoping is the same in all three: the @authorization rules of entities.graphql.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { pseudonymises, seesContact, type Role } from '../../common/roles';

export const SCHEMA_VARIANTS = ['full', 'noContact', 'pseudonymised'] as const;
export type SchemaVariant = (typeof SCHEMA_VARIANTS)[number];

/** The schema a role gets: the role rules of common/roles.ts, as schema variants. */
export function variantFor(role: Role): SchemaVariant {
  if (pseudonymises({ role })) return 'pseudonymised';
  return seesContact({ role }) ? 'full' : 'noContact';
}

let entities: string | undefined;
function entitiesText(): string {
  entities ??= readFileSync(path.join(import.meta.dirname, 'entities.graphql'), 'utf8');
  return entities;
}

/** The Cypher of Person.displayName (name or alias), the one place it is written. */
function aliasExpression(): string {
  const m = /statement: "RETURN (.+) AS displayName"/.exec(entitiesText());
  if (!m) throw new Error('entities.graphql: Person.displayName has no @cypher statement');
  return m[1]!;
}

/**
 * entities.graphql as the variant sees it: a line marked `#@…` is dropped or replaced, together
 * with its one-line description just above it.
 */
export function entityTypeDefs(variant: SchemaVariant): string {
  const out: string[] = [];
  for (const line of entitiesText().split('\n')) {
    const marker = /#@([a-z-]+)\s*$/.exec(line)?.[1];
    const replacement = marker && variant !== 'full' ? replace(marker, variant) : null;
    if (replacement === null) {
      out.push(line);
      continue;
    }
    if (/^\s*"[^"]*"\s*$/.test(out.at(-1) ?? '')) out.pop();
    out.push(...replacement);
  }
  return out.join('\n');
}

/** What a marked line becomes in a variant: null = kept as it is, [] = dropped. */
function replace(marker: string, variant: SchemaVariant): string[] | null {
  if (marker === 'contact') return [];
  if (variant !== 'pseudonymised') return null;
  if (marker === 'analyst-hidden') return [];
  if (marker === 'real-name') {
    return [
      '  "A name that may be shown: the alias unless the person consented to a public profile."',
      `  name: String! @cypher(statement: "RETURN ${aliasExpression()} AS name", columnName: "name")`,
    ];
  }
  return null;
}

function fieldsByType(sdl: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of parse(sdl).definitions) {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION) {
      out.set(d.name.value, new Set(d.fields?.map((f) => f.name.value) ?? []));
    }
  }
  return out;
}

let hidden: Map<string, Set<string>> | undefined;

/** Per type, the fields of the full schema that some role's variant does not have. */
export function roleHiddenFields(): Map<string, Set<string>> {
  if (hidden) return hidden;
  const full = fieldsByType(entityTypeDefs('full'));
  const out = new Map<string, Set<string>>();
  for (const variant of SCHEMA_VARIANTS) {
    for (const [type, fields] of fieldsByType(entityTypeDefs(variant))) {
      for (const f of full.get(type) ?? []) {
        if (fields.has(f)) continue;
        if (!out.has(type)) out.set(type, new Set());
        out.get(type)!.add(f);
      }
    }
  }
  hidden = out;
  return out;
}
