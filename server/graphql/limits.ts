/**
 * What one GraphQL request may ask of the server (SPEC §8, issue 11), besides depth
 * (depthLimit.ts) and the database cost (costLimit.ts):
 *
 * - **size of the query**: at most MAX_QUERY_TOKENS tokens; the parser stops there, so a 100 KB
 *   alias bomb costs no more than a small query to refuse (QUERY_TOO_COMPLEX);
 * - **aliases and root fields**: at most MAX_ALIASES fields under an alias and MAX_ROOT_FIELDS
 *   fields at the root of an operation (fragments expanded), so one request cannot repeat a
 *   heavy field a thousand times nor open a database read per root field without bound
 *   (QUERY_TOO_COMPLEX, checked while validating, before anything runs);
 * - **relationship filters**: a `where` argument may nest relationship filters
 *   (`knows: {some: {knows: …}}`) at most MAX_FILTER_DEPTH deep (QUERY_TOO_COMPLEX), and each
 *   level multiplies the field's database cost by FILTER_LEVEL_COST (costLimit.ts);
 * - **response size**: the estimated number of values of the answer (costLimit.ts) is at most
 *   MAX_RESPONSE_VALUES, and while it runs the maps of one request hold at most
 *   MAX_MAP_ITEMS_PER_REQUEST nodes and edges together (RESPONSE_TOO_LARGE);
 * - **heavy fields** (networkMap and the analytics): at most HEAVY_PER_VIEWER run at once per
 *   signed-in user, up to HEAVY_QUEUE_PER_VIEWER more wait their turn, the rest are refused
 *   (TOO_MANY_REQUESTS), so one user cannot occupy the server for everyone else.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Tokens of one query document (the web app's largest has a few hundred): parsing stops past it. */
export const MAX_QUERY_TOKENS = 3_000;
export const MAX_ALIASES = 30;
export const MAX_ROOT_FIELDS = 20;
export const MAX_FILTER_DEPTH = 3;
export const FILTER_LEVEL_COST = 10;
/** About the web map of every region of a prefecture (50k nodes, 263k edges) and some. */
export const MAX_RESPONSE_VALUES = 2_500_000;
export const MAX_MAP_ITEMS_PER_REQUEST = 400_000;
export const HEAVY_PER_VIEWER = 2;
/** Enough for the heavy fields of one request at the alias cap to wait rather than fail. */
export const HEAVY_QUEUE_PER_VIEWER = 32;

/** The fields that compute from a whole projection (server/graphql/resolvers.ts), or read a whole store (networkOverview). */
export const HEAVY_FIELDS: ReadonlySet<string> = new Set([
  'networkMap',
  'keyPersonGroup',
  'networkGaps',
  'introductionSuggestions',
  'whatIfRemoved',
  'outreachPlan',
  'talentMatches',
  'connectionPath',
  'networkOverview',
]);

export function limitError(
  code: 'QUERY_TOO_COMPLEX' | 'RESPONSE_TOO_LARGE' | 'TOO_MANY_REQUESTS',
  message: string,
): GraphQLError {
  const status = code === 'RESPONSE_TOO_LARGE' ? 413 : code === 'TOO_MANY_REQUESTS' ? 429 : 400;
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

export type Fragments = Record<string, FragmentDefinitionNode>;

/** The fields of a selection set with fragments expanded (each spread at most once per path). */
export function fieldsOf(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  seen: Set<string> = new Set(),
): FieldNode[] {
  if (!set) return [];
  const out: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT)
      out.push(...fieldsOf(sel.selectionSet, fragments, seen));
    else {
      const name = sel.name.value;
      const frag = fragments[name];
      if (!frag || seen.has(name)) continue;
      seen.add(name);
      out.push(...fieldsOf(frag.selectionSet, fragments, seen));
      seen.delete(name);
    }
  }
  return out;
}

/** Aliased fields under a selection set (introspection's `__` fields do not count). */
function countAliases(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  budget: number,
): number {
  let n = 0;
  for (const f of fieldsOf(set, fragments)) {
    if (f.name.value.startsWith('__')) continue;
    if (f.alias && f.alias.value !== f.name.value) n++;
    if (n > budget) return n; // enough to refuse; stop walking a huge document
    n += countAliases(f.selectionSet, fragments, budget - n);
  }
  return n;
}

/** Quantifiers of @neo4j/graphql's relationship filters (and the connection filters' node/edge). */
const RELATIONSHIP_STEPS = new Set(['some', 'all', 'none', 'single']);

/** How deep relationship filters nest in a `where` value (`{knows: {some: {…}}}` is 1). */
export function filterDepth(v: unknown, guard = 0): number {
  if (guard > 64 || v === null || typeof v !== 'object') return 0;
  if (Array.isArray(v)) return Math.max(0, ...v.map((x) => filterDepth(x, guard + 1)));
  let max = 0;
  for (const [key, inner] of Object.entries(v as Record<string, unknown>)) {
    const step = RELATIONSHIP_STEPS.has(key) ? 1 : 0;
    max = Math.max(max, step + filterDepth(inner, guard + 1));
  }
  return max;
}

/**
 * The validation rule for aliases and root fields (see the file comment). Relationship-filter
 * depth needs the variables, so costLimit.ts checks it with `filterDepth`.
 */
export function requestShapeLimit(maxAliases = MAX_ALIASES, maxRootFields = MAX_ROOT_FIELDS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments: Fragments = {};
      for (const def of context.getDocument().definitions) {
        if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
      }
      const roots = fieldsOf(node.selectionSet, fragments).filter(
        (f) => !f.name.value.startsWith('__'),
      );
      const keys = new Set(roots.map((f) => (f.alias ?? f.name).value));
      if (keys.size > maxRootFields) {
        context.reportError(
          limitErrorAt(
            `The request asks for ${keys.size} root fields; at most ${maxRootFields} are allowed. Send several requests. / 一度に問い合わせる項目が多すぎます。`,
            node,
          ),
        );
        return;
      }
      const aliases = countAliases(node.selectionSet, fragments, maxAliases);
      if (aliases > maxAliases) {
        context.reportError(
          limitErrorAt(
            `The request uses more than ${maxAliases} aliases; at most ${maxAliases} are allowed. / 別名（エイリアス）が多すぎます。`,
            node,
          ),
        );
      }
    },
  });
}

function limitErrorAt(message: string, node: import('graphql').ASTNode): GraphQLError {
  return new GraphQLError(message, {
    nodes: [node],
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

/** The map items (nodes + edges) one request has been given so far; refuses past the cap. */
export class ResponseBudget {
  private items = 0;
  constructor(readonly maxItems = MAX_MAP_ITEMS_PER_REQUEST) {}

  spend(items: number): void {
    this.items += items;
    if (this.items > this.maxItems) {
      throw limitError(
        'RESPONSE_TOO_LARGE',
        `The answer would hold more than ${this.maxItems.toLocaleString('en')} map nodes and edges; ask for one region or fewer maps at a time. / 応答が大きすぎます。地域を絞ってください。`,
      );
    }
  }
}

/** At most `running` heavy fields at once per key (a user), `queued` more waiting. */
export class HeavyFieldLimiter {
  private readonly state = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(
    readonly running = HEAVY_PER_VIEWER,
    readonly queued = HEAVY_QUEUE_PER_VIEWER,
  ) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    let s = this.state.get(key);
    if (!s) this.state.set(key, (s = { running: 0, waiting: [] }));
    if (s.running >= this.running) {
      if (s.waiting.length >= this.queued) {
        throw limitError(
          'TOO_MANY_REQUESTS',
          `Too many network analyses at once for your account (at most ${this.running} run and ${this.queued} wait); wait for the ones under way. / 同時に実行できる分析の数を超えました。しばらく待ってからもう一度お試しください。`,
        );
      }
      // Woken with the slot of the field that finished (running stays counted).
      await new Promise<void>((resolve) => s.waiting.push(resolve));
    } else s.running++;
    try {
      return await work();
    } finally {
      const next = s.waiting.shift();
      if (next) next();
      else if (--s.running === 0) this.state.delete(key);
    }
  }
}
