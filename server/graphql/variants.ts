/**
 * The entity schema in one variant per role (SPEC §8, docs/privacy.md), so that what a role may
 * not read is not in its schema at all — it can be neither selected nor filtered, sorted,
 * aggregated or counted on, nor reached through a relationship:
 *
 * | rule (variantRules)      | admin | coordinator       | municipality | analyst            |
 * |--------------------------|-------|-------------------|--------------|--------------------|
 * | aggregations             | yes   | no                | no           | no                 |
 * | filters through region-scoped relationships | yes | no | no         | yes (reads all)    |
 * | contact (`#@contact`)    | yes   | with consent only | no           | no                 |
 * | ratings (`#@rating`)     | yes   | yes               | no           | yes (pseudonymous) |
 * | persons                  | named | named             | named        | pseudonymised      |
 *
 * Pseudonymised (analyst): `#@real-name` becomes the alias (Person.displayName's Cypher),
 * `#@quasi` (a person's title, which names the branch) is withheld unless the person consented
 * to a public profile, `#@month` (exact dates of persons and introductions) is cut to the month,
 * `#@analyst-hidden` (free-text notes, the dates and titles on a person's ties) and
 * `#@party-name` (the introduction party's stored name, read raw through the interface) are
 * dropped.
 * Region scoping of nodes is the same in all variants: the @authorization rules of
 * entities.graphql. Those rules filter the nodes a query returns, not the nodes a relationship
 * filter looks at, so region-scoped roles get no filter through a relationship whose target is
 * region-scoped (only through shared reference data: skills, challenges).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type ConstArgumentNode,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';
import { contactAccess, pseudonymises, ROLES, seesRatings, type Role } from '../../common/roles';

export const SCHEMA_VARIANTS = ROLES;
export type SchemaVariant = Role;

interface VariantRules {
  /** Aggregations (`…Connection.aggregate`, `…Aggregate`, count filters) exist. */
  aggregates: boolean;
  /** Nodes are limited to some regions: no filter through relationships to region-scoped types. */
  regionScoped: boolean;
  /** email and phone: as stored, only where the person consented to share them, or never. */
  contact: 'all' | 'consented' | 'none';
  /** mind, skill, network (the coordinator's assessment of a named person). */
  ratings: boolean;
  /** Persons without consent to a public profile appear under their alias. */
  pseudonymised: boolean;
}

/** A role's rules (common/roles.ts) as schema rules. */
export function variantRules(role: Role): VariantRules {
  return {
    aggregates: role === 'admin',
    regionScoped: role === 'coordinator' || role === 'municipality',
    contact: contactAccess({ role }),
    ratings: seesRatings({ role }),
    pseudonymised: pseudonymises({ role }),
  };
}

/** The schema a role gets. */
export function variantFor(role: Role): SchemaVariant {
  return role;
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

const cache = new Map<SchemaVariant, string>();

/** entities.graphql as the variant sees it. */
export function entityTypeDefs(variant: SchemaVariant): string {
  let sdl = cache.get(variant);
  if (sdl === undefined) {
    const rules = variantRules(variant);
    sdl = withOperationRules(withFieldRules(entitiesText(), rules), rules);
    cache.set(variant, sdl);
  }
  return sdl;
}

/**
 * Field rules: a line marked `#@…` is kept, dropped or replaced by a computed field, together
 * with its one-line description just above it.
 */
function withFieldRules(text: string, rules: VariantRules): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const marker = /#@([a-z-]+)\s*$/.exec(line)?.[1];
    const replacement = marker ? replace(marker, line, rules) : null;
    if (replacement === null) {
      out.push(line);
      continue;
    }
    if (/^\s*"[^"]*"\s*$/.test(out.at(-1) ?? '')) out.pop();
    out.push(...replacement);
  }
  return out.join('\n');
}

/** A computed field in place of a stored one: `name: Type @cypher(RETURN expression)`. */
function computed(line: string, description: string, expression: string): string[] {
  const m = /^\s*(\w+):\s*(\w+)/.exec(line);
  if (!m) throw new Error(`entities.graphql: cannot read the field of: ${line}`);
  const [, field, type] = m as unknown as [string, string, string];
  return [
    `  ${JSON.stringify(description)}`,
    `  ${field}: ${type} @cypher(statement: "RETURN ${expression} AS ${field}", columnName: "${field}")`,
  ];
}

/** What a marked line becomes in a variant: null = kept as it is, [] = dropped. */
function replace(marker: string, line: string, rules: VariantRules): string[] | null {
  const field = /^\s*(\w+):/.exec(line)?.[1] ?? '';
  switch (marker) {
    case 'contact':
      if (rules.contact === 'all') return null;
      if (rules.contact === 'none') return [];
      return computed(
        line,
        'Shown only when the person consented to share contact data (consentShareContact).',
        `CASE WHEN this.consentShareContact = true THEN this.${field} ELSE null END`,
      );
    case 'rating':
      return rules.ratings ? null : [];
    case 'analyst-hidden':
    case 'party-name':
      return rules.pseudonymised ? [] : null;
    case 'real-name':
      if (!rules.pseudonymised) return null;
      return [
        '  "A name that may be shown: the alias unless the person consented to a public profile."',
        `  name: String! @cypher(statement: "RETURN ${aliasExpression()} AS name", columnName: "name")`,
      ];
    case 'quasi':
      if (!rules.pseudonymised) return null;
      return computed(
        line,
        'Withheld (null) unless the person consented to a public profile: with the employer it names the person.',
        `CASE WHEN this.consentPublicProfile = true THEN this.${field} ELSE null END`,
      );
    case 'month':
      if (!rules.pseudonymised) return null;
      return computed(
        line,
        'The month only (YYYY-MM): an exact date can identify a pseudonymised person.',
        `substring(this.${field}, 0, 7)`,
      );
    case 'intro-name':
      if (!rules.pseudonymised) return null;
      return computed(
        line,
        'The month of the introduction (the stored name carries its exact date).',
        `'紹介 ' + coalesce(substring(this.createdAt, 0, 7), '')`,
      );
    default:
      throw new Error(`entities.graphql: unknown field marker #@${marker}`);
  }
}

function boolArg(name: string, value: boolean): ConstArgumentNode {
  return {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: name },
    value: { kind: Kind.BOOLEAN, value },
  };
}

function directive(name: string, args: Record<string, boolean>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).map(([arg, value]) => boolArg(arg, value)),
  };
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Node types (and interfaces) whose nodes are limited to the viewer's regions. */
function regionScopedTypes(sdl: string): Set<string> {
  const out = new Set<string>();
  const doc = parse(sdl);
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    if (!d.directives?.some((x) => x.name.value === 'authorization')) continue;
    out.add(d.name.value);
    for (const i of d.interfaces ?? []) out.add(i.name.value);
  }
  return out;
}

/**
 * Relationship-properties types the field rules left without a field (`type X
 * @relationshipProperties {}`, which is not GraphQL): taken out, and their names.
 */
function withoutEmptyPropertyTypes(text: string): { sdl: string; empty: Set<string> } {
  const empty = new Set<string>();
  const sdl = text.replace(
    /^type (\w+) @relationshipProperties \{\s*\}\n?/gm,
    (_m, name: string) => {
      empty.add(name);
      return '';
    },
  );
  return { sdl, empty };
}

/**
 * Operation rules: which generated operations exist. Without aggregations, every type and
 * interface gets `@query(aggregate: false)` and every relationship `aggregate: false` and no
 * count filters; for a region-scoped role, a relationship to a region-scoped type gets no
 * filter (`@filterable(byValue: false)`). The interface IntroductionParty has no root query
 * but for admins (it reads across types, around their rules).
 */
function withOperationRules(text: string, rules: VariantRules): string {
  const { sdl, empty } = withoutEmptyPropertyTypes(text);
  if (rules.aggregates && !rules.regionScoped && empty.size === 0) return sdl;
  const scoped = regionScopedTypes(sdl);
  const doc = visit(parse(sdl), {
    ObjectTypeDefinition(node) {
      if (!node.directives?.some((d) => d.name.value === 'node')) return undefined;
      if (rules.aggregates) return undefined;
      return {
        ...node,
        directives: [...node.directives, directive('query', { aggregate: false })],
      };
    },
    InterfaceTypeDefinition(node) {
      if (rules.aggregates) return undefined;
      return {
        ...node,
        directives: [
          ...(node.directives ?? []),
          directive('query', { read: false, aggregate: false }),
        ],
      };
    },
    FieldDefinition(node): FieldDefinitionNode | undefined {
      const rel = node.directives?.find((d) => d.name.value === 'relationship');
      if (!rel) return undefined;
      const byValue = !(rules.regionScoped && scoped.has(namedType(node.type)));
      const relationship: ConstDirectiveNode = {
        ...rel,
        arguments: [
          // a tie whose properties the variant has none of is a tie without properties
          ...(rel.arguments ?? []).filter(
            (a) =>
              !(
                a.name.value === 'properties' &&
                a.value.kind === Kind.STRING &&
                empty.has(a.value.value)
              ),
          ),
          ...(rules.aggregates ? [] : [boolArg('aggregate', false)]),
        ],
      };
      return {
        ...node,
        directives: [
          ...node.directives!.map((d) => (d === rel ? relationship : d)),
          directive('filterable', { byValue, byAggregate: rules.aggregates }),
        ],
      };
    },
  });
  return print(doc);
}

function fieldsByType(sdl: string, filterable: boolean): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of parse(sdl).definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const fields = (d.fields ?? []).filter(
      (f) =>
        !filterable ||
        !f.directives?.some(
          (x) =>
            x.name.value === 'filterable' &&
            x.arguments?.some(
              (a) => a.name.value === 'byValue' && a.value.kind === Kind.BOOLEAN && !a.value.value,
            ),
        ),
    );
    out.set(d.name.value, new Set(fields.map((f) => f.name.value)));
  }
  return out;
}

let hidden: Map<string, Set<string>> | undefined;

/**
 * Per type, the fields of the admin's schema that some role's variant does not have, or may
 * not filter on (relationships to region-scoped types): errors about them say FORBIDDEN.
 */
export function roleHiddenFields(): Map<string, Set<string>> {
  if (hidden) return hidden;
  const full = fieldsByType(entityTypeDefs('admin'), false);
  const out = new Map<string, Set<string>>();
  for (const variant of SCHEMA_VARIANTS) {
    for (const [type, fields] of fieldsByType(entityTypeDefs(variant), true)) {
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
