/**
 * Probes of the rule "nothing a viewer may not read can be observed" (SPEC §8, issue 11),
 * generated from the schema a role gets (introspection), so that a new type, field,
 * relationship or operation is probed without anyone writing a probe for it.
 *
 * What the role may not read is derived from the data, not declared: the admin reads every
 * node under the probe prefix with every field; a node the role's list query does not return
 * is hidden, and so is a field the role's schema lacks or whose value differs from the
 * admin's (withheld, aliased, generalised). Every probe then asks something whose answer
 * depends on a hidden thing and compares it with a control that cannot match:
 * - filter: `T(where: {id: anchor, rel: {some|none|all|single: {id: hidden, f: value}}})`,
 *   through one and two relationships and through `relConnection`, and on the root type;
 * - selection: `T { rel { … } }` and `relConnection { totalCount edges }` never show a
 *   hidden node, and show every field as the role's own root query does;
 * - count: `TConnection { totalCount }` counts what the role reads;
 * - sort: sorting by a field whose value the role may not read leaves the order to the id;
 * - aggregates: a role with anything hidden has no aggregation at all.
 * A probe whose operation is not in the role's schema is closed by absence and counted so.
 */
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type IntrospectionQuery,
} from 'graphql';

/** Sends one GraphQL request as a role; returns the response body. */
export type Ask = (
  query: string,
) => Promise<{ data?: Record<string, unknown> | null; errors?: unknown[] }>;

export interface RoleSchema {
  schema: GraphQLSchema;
  /** Root list queries of entity types: query field → type name. */
  roots: Map<string, string>;
}

export async function roleSchema(ask: Ask): Promise<RoleSchema> {
  const body = await ask(getIntrospectionQuery());
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body.errors)}`);
  const schema = buildClientSchema(body.data as unknown as IntrospectionQuery);
  const roots = new Map<string, string>();
  for (const [name, field] of Object.entries(schema.getQueryType()!.getFields())) {
    if (!field.args.some((a) => a.name === 'where')) continue;
    if (!isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) continue;
    roots.set(name, getNamedType(field.type).name);
  }
  return { schema, roots };
}

/** Scalar fields of a type that can be selected without arguments. */
export function leafFields(t: GraphQLNamedType): string[] {
  if (!isObjectType(t) && !isInterfaceType(t)) return [];
  return Object.values(t.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
}

/** Relationship fields of an entity type: list fields to entity types, with a `where`. */
export function relationshipFields(t: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(t.getFields()).filter(
    (f) =>
      !f.name.endsWith('Connection') &&
      f.args.some((a) => a.name === 'where') &&
      (isObjectType(getNamedType(f.type)) || isInterfaceType(getNamedType(f.type))),
  );
}

function whereOf(s: GraphQLSchema, type: string): GraphQLInputObjectType | null {
  const t = s.getType(`${type}Where`);
  return t && isInputObjectType(t) ? t : null;
}

/** The where-input fields of a type that filter by a leaf value with `eq`. */
function valueFilters(s: GraphQLSchema, type: string): Set<string> {
  const where = whereOf(s, type);
  const out = new Set<string>();
  for (const f of Object.values(where?.getFields() ?? {})) {
    const t = getNamedType(f.type);
    if (isInputObjectType(t) && t.name.endsWith('ScalarFilters') && 'eq' in t.getFields()) {
      out.add(f.name);
    }
  }
  return out;
}

/** Whether the where input of `type` offers a relationship filter `rel` (and which form). */
function relationshipFilter(s: GraphQLSchema, type: string, rel: string): boolean {
  const f = whereOf(s, type)?.getFields()[rel];
  return !!f && getNamedType(f.type).name.endsWith('RelationshipFilters');
}

function connectionFilter(s: GraphQLSchema, type: string, rel: string): boolean {
  const f = whereOf(s, type)?.getFields()[`${rel}Connection`];
  return !!f && getNamedType(f.type).name.endsWith('ConnectionFilters');
}

/** Every field, argument or input field of the schema that aggregates (counts, min/max …). */
export function aggregateOperations(s: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const t of Object.values(s.getTypeMap())) {
    if (t.name.startsWith('__')) continue;
    if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
      for (const f of Object.values(t.getFields())) {
        const target = getNamedType(f.type as GraphQLType).name;
        if (/aggregate/i.test(f.name) || /Aggregate(Selection|Input)?$/.test(target)) {
          out.push(`${t.name}.${f.name}`);
        }
      }
    }
  }
  return out;
}

export type Value = string | number | boolean | null;
export type NodeValues = Map<string, Record<string, Value>>;

/** A node's leaf values as some role reads them, per node id (with its type). */
export interface Snapshot {
  /** id → type name. */
  types: Map<string, string>;
  values: NodeValues;
}

export const gqlString = (v: unknown) => JSON.stringify(v);

/** Equal as JSON (values may be lists). */
const same = (a: unknown, b: unknown) => gqlString(a) === gqlString(b);

function literal(v: Value): string {
  return typeof v === 'string' ? gqlString(v) : String(v);
}

/** A value of the same type that no node has. */
function otherValue(v: Value): Value {
  if (typeof v === 'string') return `${v}~probe-no-match`;
  if (typeof v === 'number') return v + 1_000_003;
  if (typeof v === 'boolean') return !v;
  return null;
}

/** Reads every node under the prefix with every leaf field of the role's schema. */
export async function snapshot(ask: Ask, rs: RoleSchema, prefix: string): Promise<Snapshot> {
  const types = new Map<string, string>();
  const values: NodeValues = new Map();
  for (const [root, type] of rs.roots) {
    const t = rs.schema.getType(type)!;
    if (!isObjectType(t)) continue;
    const fields = leafFields(t);
    for (let offset = 0; ; offset += 100) {
      const body = await ask(
        `{ r: ${root}(where: { id: { startsWith: ${gqlString(prefix)} } }, limit: 100, offset: ${offset}, sort: [{ id: ASC }]) { ${fields.join(' ')} } }`,
      );
      if (!body.data) throw new Error(`${root}: ${JSON.stringify(body.errors)}`);
      const page = body.data.r as Array<Record<string, Value>>;
      for (const n of page) {
        types.set(String(n.id), type);
        values.set(String(n.id), n);
      }
      if (page.length < 100) break;
    }
  }
  return { types, values };
}

/** What a role may not read: nodes, and fields of the nodes it reads. */
export interface Hidden {
  nodes: Set<string>;
  /** node id → fields whose value the role does not get as stored. */
  fields: Map<string, Map<string, Value>>;
}

export function hiddenOf(admin: Snapshot, role: Snapshot): Hidden {
  const nodes = new Set<string>();
  const fields = new Map<string, Map<string, Value>>();
  for (const [id, stored] of admin.values) {
    const seen = role.values.get(id);
    if (!seen) {
      nodes.add(id);
      continue;
    }
    for (const [f, v] of Object.entries(stored)) {
      if (v === null || (f in seen && same(seen[f], v))) continue;
      if (!fields.has(id)) fields.set(id, new Map());
      fields.get(id)!.set(f, v);
    }
  }
  return { nodes, fields };
}

/** Adjacency as the admin reads it: `${type}.${rel}` → anchor id → neighbour ids. */
export type Adjacency = Map<string, Map<string, string[]>>;

export async function adjacency(ask: Ask, rs: RoleSchema, prefix: string): Promise<Adjacency> {
  const out: Adjacency = new Map();
  for (const [root, type] of rs.roots) {
    const t = rs.schema.getType(type)!;
    if (!isObjectType(t)) continue;
    const rels = relationshipFields(t);
    if (rels.length === 0) continue;
    const body = await ask(
      `{ r: ${root}(where: { id: { startsWith: ${gqlString(prefix)} } }, limit: 50) { id ${rels.map((r) => `${r.name}(limit: 20) { id }`).join(' ')} } }`,
    );
    if (!body.data) throw new Error(`${root}: ${JSON.stringify(body.errors)}`);
    for (const r of rels) out.set(`${type}.${r.name}`, new Map());
    for (const n of body.data.r as Array<Record<string, unknown>>) {
      for (const r of rels) {
        const ids = (n[r.name] as Array<{ id: string }>).map((x) => x.id);
        out.get(`${type}.${r.name}`)!.set(String(n.id), ids);
      }
    }
  }
  return out;
}

/** One question and its control: equal answers mean nothing hidden was observed. */
export interface Probe {
  kind: 'filter' | 'selection' | 'count' | 'sort';
  /** What it asks, for the failure message. */
  what: string;
  query: string;
  control: string | null;
  /** For selection/count/sort probes: checks the answer of `query` (null = fine). */
  check?: (data: unknown) => string | null;
}

interface Ctx {
  rs: RoleSchema;
  role: Snapshot;
  admin: Snapshot;
  hidden: Hidden;
  adj: Adjacency;
  /** At most this many (anchor, hidden) pairs per path. */
  perPath: number;
}

const NONE_ID = 'probe:no-such-node';
/** `single` and `all` are `some` and `none` put together; these two are enough. */
const QUANTIFIERS = ['some', 'none'] as const;

/**
 * The conditions that single out a node with something hidden: its id alone (when the node is
 * hidden) and each hidden field's stored value, each with a control that cannot match.
 * `own` leaves out the id (for a filter on the node itself, which is already anchored).
 */
interface Condition {
  field: string;
  probe: string;
  control: string;
}

function conditions(c: Ctx, h: string, whereType: string, own = false): Condition[] {
  const out: Condition[] = [];
  const hiddenNode = c.hidden.nodes.has(h);
  const id = own ? '' : `id: { eq: ${gqlString(h)} }, `;
  if (hiddenNode && !own) {
    out.push({
      field: 'id',
      probe: `id: { eq: ${gqlString(h)} }`,
      control: `id: { eq: ${gqlString(NONE_ID)} }`,
    });
  }
  const filters = valueFilters(c.rs.schema, whereType);
  const values = hiddenNode
    ? new Map(Object.entries(c.admin.values.get(h) ?? {}))
    : (c.hidden.fields.get(h) ?? new Map<string, Value>());
  for (const [f, v] of values) {
    if (f === 'id' || v === null || !filters.has(f)) continue;
    out.push({
      field: f,
      probe: `${id}${f}: { eq: ${literal(v)} }`,
      control: `${id}${f}: { eq: ${literal(otherValue(v))} }`,
    });
  }
  return out;
}

function hasHiddenAt(c: Ctx, id: string): boolean {
  return c.hidden.nodes.has(id) || c.hidden.fields.has(id);
}

function filterProbes(c: Ctx): Probe[] {
  const probes: Probe[] = [];
  const s = c.rs.schema;
  for (const [root, type] of c.rs.roots) {
    const t = s.getType(type);
    if (!isObjectType(t)) continue;
    const ids = (anchor: string, cond: string) =>
      `{ r: ${root}(where: { id: { eq: ${gqlString(anchor)} }, ${cond} }) { id } }`;
    // on the node itself
    for (const id of c.hidden.fields.keys()) {
      if (c.admin.types.get(id) !== type) continue;
      for (const k of conditions(c, id, type, true)) {
        probes.push({
          kind: 'filter',
          what: `${root}(where: {id: ${id}, ${k.field}})`,
          query: ids(id, k.probe),
          control: ids(id, k.control),
        });
      }
    }
    for (const rel of relationshipFields(t)) {
      const target = getNamedType(rel.type).name;
      const pairs = [...(c.adj.get(`${type}.${rel.name}`) ?? new Map<string, string[]>())]
        .filter(([a]) => c.role.values.has(a))
        .flatMap(([a, ns]) => ns.filter((h) => hasHiddenAt(c, h)).map((h) => [a, h] as const))
        .slice(0, c.perPath);
      for (const [a, h] of pairs) {
        for (const { field: f, probe: q, control: ctl } of conditions(c, h, target)) {
          if (relationshipFilter(s, type, rel.name)) {
            for (const quant of QUANTIFIERS) {
              probes.push({
                kind: 'filter',
                what: `${root}.${rel.name}.${quant}(${h}.${f})`,
                query: ids(a, `${rel.name}: { ${quant}: { ${q} } }`),
                control: ids(a, `${rel.name}: { ${quant}: { ${ctl} } }`),
              });
            }
          }
          if (connectionFilter(s, type, rel.name)) {
            probes.push({
              kind: 'filter',
              what: `${root}.${rel.name}Connection.some(${h}.${f})`,
              query: ids(a, `${rel.name}Connection: { some: { node: { ${q} } } }`),
              control: ids(a, `${rel.name}Connection: { some: { node: { ${ctl} } } }`),
            });
          }
        }
      }
      // two steps: anchor -rel-> middle -rel2-> hidden
      const mt = s.getType(target);
      if (!isObjectType(mt) || !relationshipFilter(s, type, rel.name)) continue;
      for (const rel2 of relationshipFields(mt)) {
        if (!relationshipFilter(s, target, rel2.name)) continue;
        const t2 = getNamedType(rel2.type).name;
        const paths: Array<[string, string]> = [];
        for (const [a, ms] of c.adj.get(`${type}.${rel.name}`) ?? []) {
          if (!c.role.values.has(a)) continue;
          for (const m of ms) {
            for (const h of c.adj.get(`${target}.${rel2.name}`)?.get(m) ?? []) {
              if (hasHiddenAt(c, h) && h !== a) paths.push([a, h]);
            }
          }
        }
        for (const [a, h] of paths.slice(0, c.perPath)) {
          for (const { field: f, probe: q, control: ctl } of conditions(c, h, t2)) {
            const nest = (x: string) =>
              `${rel.name}: { some: { ${rel2.name}: { some: { ${x} } } } }`;
            probes.push({
              kind: 'filter',
              what: `${root}.${rel.name}.${rel2.name}(${h}.${f})`,
              query: ids(a, nest(q)),
              control: ids(a, nest(ctl)),
            });
          }
        }
      }
    }
  }
  return probes;
}

/** The selection of a neighbour's leaf fields in the role's schema (fragments for interfaces). */
function neighbourSelection(s: GraphQLSchema, target: string): string {
  const t = s.getType(target)!;
  if (isInterfaceType(t)) {
    const impls = s.getPossibleTypes(t);
    return `__typename id ${impls.map((i) => `... on ${i.name} { ${leafFields(i).join(' ')} }`).join(' ')}`;
  }
  return leafFields(t).join(' ');
}

function selectionProbes(c: Ctx): Probe[] {
  const probes: Probe[] = [];
  const s = c.rs.schema;
  for (const [root, type] of c.rs.roots) {
    const t = s.getType(type);
    if (!isObjectType(t)) continue;
    const anchors = [...c.role.values.keys()].filter((id) => c.role.types.get(id) === type);
    if (anchors.length === 0) continue;
    const fields = t.getFields();
    for (const rel of relationshipFields(t)) {
      const target = getNamedType(rel.type).name;
      const conn = fields[`${rel.name}Connection`];
      const connSel =
        conn && isObjectType(getNamedType(conn.type))
          ? `${rel.name}Connection(first: 50) { totalCount edges { node { id } } }`
          : '';
      probes.push({
        kind: 'selection',
        what: `${root} { ${rel.name} }`,
        query: `{ r: ${root}(where: { id: { in: ${gqlString(anchors)} } }, limit: 50) { id ${rel.name}(limit: 50) { ${neighbourSelection(s, target)} } ${connSel} } }`,
        control: null,
        check: (data) => {
          for (const n of (data as { r: Array<Record<string, unknown>> }).r) {
            for (const x of n[rel.name] as Array<Record<string, Value>>) {
              const id = String(x.id);
              if (c.hidden.nodes.has(id)) return `${n.id}.${rel.name} shows hidden ${id}`;
              const own = c.role.values.get(id) ?? {};
              for (const [f, v] of Object.entries(x)) {
                if (f === '__typename' || !(f in own)) continue;
                if (!same(own[f], v))
                  return `${n.id}.${rel.name}: ${id}.${f} is ${gqlString(v)}, its own query says ${gqlString(own[f])}`;
              }
            }
            if (connSel) {
              const cn = n[`${rel.name}Connection`] as {
                totalCount: number;
                edges: Array<{ node: { id: string } }>;
              };
              const shown = cn.edges.map((e) => e.node.id);
              const leak = shown.find((id) => c.hidden.nodes.has(id));
              if (leak) return `${n.id}.${rel.name}Connection shows hidden ${leak}`;
              if (cn.totalCount !== shown.length) {
                return `${n.id}.${rel.name}Connection totalCount ${cn.totalCount} ≠ ${shown.length} edges it shows`;
              }
            }
          }
          return null;
        },
      });
    }
  }
  return probes;
}

function countProbes(c: Ctx, prefix: string): Probe[] {
  const probes: Probe[] = [];
  const q = c.rs.schema.getQueryType()!.getFields();
  for (const [root, type] of c.rs.roots) {
    const conn = q[`${root}Connection`];
    if (!conn) continue;
    const readable = [...c.role.types.values()].filter((t) => t === type).length;
    const possible = c.rs.schema.getType(type);
    const expected = isInterfaceType(possible)
      ? c.rs.schema
          .getPossibleTypes(possible)
          .reduce((n, i) => n + [...c.role.types.values()].filter((t) => t === i.name).length, 0)
      : readable;
    probes.push({
      kind: 'count',
      what: `${root}Connection.totalCount`,
      query: `{ r: ${root}Connection(where: { id: { startsWith: ${gqlString(prefix)} } }) { totalCount } }`,
      control: null,
      check: (data) => {
        const n = (data as { r: { totalCount: number } }).r.totalCount;
        return n === expected ? null : `counts ${n}, the role reads ${expected}`;
      },
    });
  }
  return probes;
}

function sortProbes(c: Ctx): Probe[] {
  const probes: Probe[] = [];
  for (const [root, type] of c.rs.roots) {
    const sort = c.rs.schema.getType(`${type}Sort`);
    if (!sort || !isInputObjectType(sort)) continue;
    for (const f of Object.keys(sort.getFields())) {
      // nodes whose f is hidden, grouped by the value the role sees
      const groups = new Map<string, string[]>();
      for (const [id, fields] of c.hidden.fields) {
        if (c.role.types.get(id) !== type || !fields.has(f)) continue;
        const key = gqlString(c.role.values.get(id)?.[f] ?? null);
        groups.set(key, [...(groups.get(key) ?? []), id]);
      }
      for (const ids of groups.values()) {
        const stored = new Set(ids.map((id) => gqlString(c.admin.values.get(id)?.[f] ?? null)));
        if (ids.length < 2 || stored.size < 2) continue;
        const expected = [...ids].sort();
        for (const dir of ['ASC', 'DESC']) {
          probes.push({
            kind: 'sort',
            what: `${root}(sort: ${f} ${dir})`,
            query: `{ r: ${root}(where: { id: { in: ${gqlString(ids)} } }, sort: [{ ${f}: ${dir} }, { id: ASC }]) { id } }`,
            control: null,
            check: (data) => {
              const got = (data as { r: Array<{ id: string }> }).r.map((x) => x.id);
              return gqlString(got) === gqlString(expected)
                ? null
                : `orders ${gqlString(got)} by the hidden value (expected the id order)`;
            },
          });
        }
      }
    }
  }
  return probes;
}

/** The admin's view of the probe data, read once for every role. */
export interface ProbeBase {
  admin: Snapshot;
  adj: Adjacency;
}

export async function probeBase(askAdmin: Ask, prefix: string): Promise<ProbeBase> {
  const rs = await roleSchema(askAdmin);
  return {
    admin: await snapshot(askAdmin, rs, prefix),
    adj: await adjacency(askAdmin, rs, prefix),
  };
}

export interface ProbeSet {
  probes: Probe[];
  aggregates: string[];
  hidden: Hidden;
}

/** Every probe for one role, from its schema and the admin's view of the probe data. */
export async function generateProbes(
  ask: Ask,
  base: ProbeBase,
  prefix: string,
  perPath = 1,
): Promise<ProbeSet> {
  const rs = await roleSchema(ask);
  const role = await snapshot(ask, rs, prefix);
  const hidden = hiddenOf(base.admin, role);
  const c: Ctx = { rs, role, admin: base.admin, hidden, adj: base.adj, perPath };
  return {
    probes: [
      ...filterProbes(c),
      ...selectionProbes(c),
      ...countProbes(c, prefix),
      ...sortProbes(c),
    ],
    aggregates: aggregateOperations(rs.schema),
    hidden,
  };
}

/**
 * Runs the probes, a few per request (aliases; under the server's cap of 20 root fields), and
 * returns what each one observed.
 */
export async function runProbes(ask: Ask, probes: Probe[], perRequest = 15): Promise<string[]> {
  const failures: string[] = [];
  const parts: Array<{ probe: Probe; which: 'query' | 'control' }> = probes.flatMap((p) =>
    p.control === null
      ? [{ probe: p, which: 'query' as const }]
      : [
          { probe: p, which: 'query' as const },
          { probe: p, which: 'control' as const },
        ],
  );
  const answers = new Map<Probe, { query?: unknown; control?: unknown }>();
  for (let i = 0; i < parts.length; i += perRequest) {
    const batch = parts.slice(i, i + perRequest);
    const text = batch
      .map(({ probe, which }, k) => probe[which]!.replace(/^\{ r: /, `{ a${k}: `).slice(1, -1))
      .join('\n');
    const body = await ask(`{ ${text} }`);
    if (!body.data || body.errors) {
      failures.push(
        `request failed: ${JSON.stringify(body.errors)} for ${batch.map((b) => b.probe.what).join(', ')}`,
      );
      continue;
    }
    batch.forEach(({ probe, which }, k) => {
      const a = answers.get(probe) ?? {};
      a[which] = { r: body.data![`a${k}`] };
      answers.set(probe, a);
    });
  }
  for (const p of probes) {
    const a = answers.get(p);
    if (!a || a.query === undefined) continue;
    if (p.control !== null) {
      if (gqlString(a.query) !== gqlString(a.control))
        failures.push(`${p.kind} ${p.what}: the answer depends on something hidden`);
    } else {
      const why = p.check?.(a.query);
      if (why) failures.push(`${p.kind} ${p.what}: ${why}`);
    }
  }
  return failures;
}

/**
 * For a viewer who reads everything (the admin): the filter probes that find nothing. Each
 * probe singles out something that exists, so an empty answer means the probe is vacuous.
 */
export async function vacuousProbes(ask: Ask, probes: Probe[], perRequest = 15): Promise<string[]> {
  const vacuous: string[] = [];
  const filters = probes.filter((p) => p.kind === 'filter' && !/\bnone: /.test(p.query));
  for (let i = 0; i < filters.length; i += perRequest) {
    const batch = filters.slice(i, i + perRequest);
    const text = batch
      .map((p, k) => p.query.replace(/^\{ r: /, `{ a${k}: `).slice(1, -1))
      .join('\n');
    const body = await ask(`{ ${text} }`);
    batch.forEach((p, k) => {
      const got = body.data?.[`a${k}`] as unknown[] | undefined;
      if (!got || got.length === 0) vacuous.push(p.what);
    });
  }
  return vacuous;
}
