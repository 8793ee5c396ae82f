/**
 * `networkMap`: the projection as nodes and edges for the web map (SPEC §7), with each node's
 * kind, display name, sub-kind code, key-person score and group membership, community and
 * regions. The full map is built once per scope and graph version; filters are applied to it.
 */
import type { KeyPersonScore } from '../analytics/keyPerson';
import type { NetworkGraph, ProjectedKind } from '../analytics/graph';
import type { MapEdge, MapNode, NetworkMapData } from '../../common/answers';
import { isUnconfirmedSurveyTie } from '../projection/load';

export type { MapEdge, MapNode, NetworkMapData };

export interface MapFilter {
  kinds?: string[] | null;
  focusId?: string | null;
  focusDepth?: number | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function subKindOf(
  kind: ProjectedKind,
  props: Record<string, unknown>,
  talent: boolean,
): string | null {
  switch (kind) {
    case 'Organization':
    case 'Region':
    case 'Event':
      return str(props.kind);
    case 'SME':
      return str(props.industry);
    case 'Person':
      return talent ? (str(props.talentKind) ?? 'other') : str(props.origin);
    case 'RegionalHRDept':
      return str(props.phase);
    case 'Challenge':
      return str(props.code);
    default:
      return null;
  }
}

export function buildNetworkMap(
  g: NetworkGraph,
  keyPersons: KeyPersonScore[],
  graphVersion: number,
): NetworkMapData {
  const kp = new Map(keyPersons.map((k) => [k.personId, k]));
  // Regions a node is located in (LOCATED_IN) or covers (COVERS); persons without LOCATED_IN
  // take the regions of their workplaces, events those of their hosts.
  const direct = new Map<string, Set<string>>();
  const add = (id: string, region: string) => {
    let s = direct.get(id);
    if (!s) direct.set(id, (s = new Set()));
    s.add(region);
  };
  g.forEachEdge((_e, a, s, t) => {
    if (a.type === 'LOCATED_IN' || a.type === 'COVERS') add(s, t);
  });
  const derived = new Map<string, Set<string>>();
  g.forEachEdge((_e, a, s, t) => {
    if (a.type === 'WORKS_AT' && !direct.has(s)) {
      for (const r of direct.get(t) ?? []) {
        let set = derived.get(s);
        if (!set) derived.set(s, (set = new Set()));
        set.add(r);
      }
    } else if (a.type === 'HOSTED') {
      for (const r of direct.get(s) ?? []) {
        let set = derived.get(t);
        if (!set) derived.set(t, (set = new Set()));
        set.add(r);
      }
    }
  });

  const nodes: MapNode[] = [];
  g.forEachNode((id, a) => {
    const talent = a.labels.includes('Talent');
    const k = a.kind === 'Person' ? kp.get(id) : undefined;
    const regions =
      a.kind === 'Region' ? [id] : [...(direct.get(id) ?? derived.get(id) ?? [])].sort();
    nodes.push({
      id,
      kind: a.kind,
      name: a.name,
      nameKana: typeof a.props.nameKana === 'string' ? a.props.nameKana : null,
      subKind: subKindOf(a.kind, a.props, talent),
      score: k ? k.score : null,
      inKeyPersonGroup: k ? k.inGroup : false,
      declaredKeyPerson: a.labels.includes('KeyPerson'),
      isTalent: talent,
      community: k ? k.community : null,
      regionIds: regions,
      x: null,
      y: null,
    });
  });
  const edges: MapEdge[] = [];
  g.forEachEdge((key, a, s, t) => {
    const unconfirmed = isUnconfirmedSurveyTie(a.type, a.props);
    edges.push({
      id: key,
      source: s,
      target: t,
      type: a.type,
      weight: a.weight,
      ...(unconfirmed ? { unconfirmed } : {}),
    });
  });
  return { nodes, edges, graphVersion };
}

/** Nodes within `depth` hops of `focusId` (relationships read in both directions). */
function neighbourhood(g: NetworkGraph, focusId: string, depth: number): Set<string> {
  const seen = new Set([focusId]);
  let frontier = [focusId];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const v of frontier) {
      g.forEachNeighbor(v, (u) => {
        if (!seen.has(u)) {
          seen.add(u);
          next.push(u);
        }
      });
    }
    frontier = next;
  }
  return seen;
}

/** The map restricted to the filter's kinds and to the neighbourhood of its focus. */
export function filterNetworkMap(
  g: NetworkGraph,
  map: NetworkMapData,
  filter: MapFilter | null | undefined,
): NetworkMapData {
  const kinds = filter?.kinds && filter.kinds.length > 0 ? new Set(filter.kinds) : null;
  const focus = filter?.focusId ? neighbourhood(g, filter.focusId, filter.focusDepth ?? 1) : null;
  if (!kinds && !focus) return map;
  const nodes = map.nodes.filter(
    (n) => (!kinds || kinds.has(n.kind)) && (!focus || focus.has(n.id)),
  );
  const keep = new Set(nodes.map((n) => n.id));
  const edges = map.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  return { nodes, edges, graphVersion: map.graphVersion };
}
