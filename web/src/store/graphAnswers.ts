/**
 * The answers that follow the map's graph version (mapAnswer.ts's scope): the four analytics
 * panels, the introductions log, the selected node's record, what-if and the connection path.
 * Each is read again exactly when the graph changed, and shown once the map of its version is
 * drawn. Apart from app.ts because they are the reads of the panels, one rule for all of them.
 */
import type { ReadonlySignal } from '@preact/signals';
import type { Gql } from '../api';
import { readLog, type LoggedIntroduction } from '../introductions/log';
import * as Q from '../queries';
import type {
  Gap,
  IntroductionSuggestion,
  KeyPersonScore,
  OutreachTarget,
  PathStep,
  RemovalImpact,
} from '../types';
import type { Access } from './access';
import { sameRegion, type Graph, type Scope } from './mapAnswer';
import { resource, type Resource } from './resource';
import type { ViewState } from './state';

export interface GraphAnswers {
  keyPersons: Resource<KeyPersonScore[]>;
  gaps: Resource<Gap[]>;
  suggestions: Resource<IntroductionSuggestion[]>;
  outreach: Resource<OutreachTarget[]>;
  /** The introductions log of the region (紹介の記録), newest first. */
  introductions: Resource<LoggedIntroduction[]>;
  /** The recorded fields of the selected node (entity API), null when it has none. */
  entity: Resource<Record<string, unknown> | null>;
  whatIf: Resource<RemovalImpact>;
  path: Resource<PathStep[] | null>;
}

export function createGraphAnswers(deps: {
  gql: Gql;
  state: ReadonlySignal<ViewState>;
  graph: ReadonlySignal<Graph | null>;
  scope: ReadonlySignal<Scope | null>;
  mapSettled(): boolean;
  access: Access;
  describe: (err: unknown) => string;
}): GraphAnswers {
  const { gql, state, graph, scope, mapSettled, describe } = deps;
  const { schema, readable } = deps.access;

  const analytics = <T>(load: (s: Scope) => Promise<T>, needsRegion = false): Resource<T> =>
    resource({
      key: () => {
        const s = scope.value;
        return s && (!needsRegion || s.region) ? s : null;
      },
      load,
      keep: sameRegion,
      ready: mapSettled,
      describe,
    });
  const keyPersons = analytics((s) =>
    gql<{ keyPersonGroup: KeyPersonScore[] }>(Q.KEY_PERSONS, {
      regionId: s.region,
      limit: 30,
      includeUnconfirmed: s.unconfirmed,
    }).then((d) => d.keyPersonGroup),
  );
  const gaps = analytics((s) =>
    gql<{ networkGaps: Gap[] }>(Q.GAPS, {
      regionId: s.region,
      includeUnconfirmed: s.unconfirmed,
    }).then((d) => d.networkGaps),
  );
  const suggestions = analytics((s) =>
    gql<{ introductionSuggestions: IntroductionSuggestion[] }>(Q.SUGGESTIONS, {
      regionId: s.region,
      limit: 20,
      includeUnconfirmed: s.unconfirmed,
    }).then((d) => d.introductionSuggestions),
  );
  const outreach = analytics(
    (s) =>
      gql<{ outreachPlan: OutreachTarget[] }>(Q.OUTREACH, { regionId: s.region, limit: 30 }).then(
        (d) => d.outreachPlan,
      ),
    true,
  );

  const introductions = analytics((s) => readLog(gql, s.region));

  const entity = resource<
    { id: string; kind: string; version: number; fields: string[] },
    Record<string, unknown> | null
  >({
    key: () => {
      const id = state.value.selected;
      const g = graph.value;
      const node = id ? g?.nodeById.get(id) : undefined;
      const s = schema.state.value;
      if (!id || !g || !node || s.status === 'loading' || s.status === 'idle') return null;
      return { id, kind: node.kind, version: g.version, fields: [...readable(node.kind)] };
    },
    keep: (a, b) => a.id === b.id,
    load: async ({ id, kind, fields }) => {
      const api = Q.ENTITY_API[kind];
      if (!api || fields.length === 0) return null;
      const d = await gql<Record<string, Array<Record<string, unknown>>>>(
        Q.entityQuery(api.query, fields),
        { id },
      );
      return d[api.query]?.[0] ?? null;
    },
    describe,
  });

  /** Whether the map has these nodes (a link's what-if or path may name one gone since). */
  const onMap = (...ids: string[]) => {
    const g = graph.value;
    return !g || ids.every((id) => g.nodeById.has(id));
  };
  const whatIf = resource({
    key: () => {
      const o = state.value.overlay;
      const s = scope.value;
      return o?.type === 'whatif' && s && onMap(o.personId) ? { ...s, personId: o.personId } : null;
    },
    load: (k) =>
      gql<{ whatIfRemoved: RemovalImpact }>(Q.WHAT_IF, {
        regionId: k.region,
        personId: k.personId,
        includeUnconfirmed: k.unconfirmed,
      }).then((d) => d.whatIfRemoved),
    ready: mapSettled,
    describe,
  });
  const path = resource({
    key: () => {
      const o = state.value.overlay;
      const s = scope.value;
      return o?.type === 'path' && s && onMap(o.from, o.to)
        ? { version: s.version, from: o.from, to: o.to }
        : null;
    },
    load: (k) =>
      gql<{ connectionPath: PathStep[] | null }>(Q.CONNECTION_PATH, {
        fromId: k.from,
        toId: k.to,
      }).then((d) => d.connectionPath),
    ready: mapSettled,
    describe,
  });

  return { keyPersons, gaps, suggestions, outreach, introductions, entity, whatIf, path };
}
