/** Tiny builders for hand-made test graphs. */
import { type NetworkGraph, type NodeAttrs, createNetworkGraph, putEdge, putNode } from '../graph';
import type { RelType } from '../../../common/model';
import type { KeyPersonScore } from '../keyPerson';

export class G {
  g: NetworkGraph = createNetworkGraph();
  private node(
    id: string,
    kind: NodeAttrs['kind'],
    props: Record<string, unknown> = {},
    labels: string[] = [],
  ): this {
    putNode(this.g, id, {
      kind,
      name: props.name ? String(props.name) : id.split(':')[1]!,
      labels,
      props: { id, ...props },
    });
    return this;
  }
  region(id: string): this {
    return this.node(id, 'Region');
  }
  dept(
    id: string,
    lead: string,
    members: string[],
    regions: string[],
    engagement?: Record<string, number>,
  ): this {
    this.node(id, 'RegionalHRDept');
    this.rel('LEADS', lead, id);
    for (const m of members)
      this.rel('MEMBER_OF', m, id, engagement?.[m] ? { engagement: engagement[m] } : {});
    for (const r of regions) this.rel('COVERS', id, r);
    return this;
  }
  org(id: string, functions: string[] = [], region?: string): this {
    this.node(id, 'Organization', { kind: 'other', functions });
    if (region) this.rel('LOCATED_IN', id, region);
    return this;
  }
  sme(id: string, region: string, props: Record<string, unknown> = {}): this {
    this.node(id, 'SME', {
      stage: 'engaged',
      employees: 30,
      hasHrStaff: false,
      hasEvaluationSystem: false,
      ...props,
    });
    return this.rel('LOCATED_IN', id, region);
  }
  person(id: string, props: Record<string, unknown> = {}, labels: string[] = []): this {
    return this.node(id, 'Person', { origin: 'local', ...props }, labels);
  }
  node2(
    id: string,
    kind: 'Skill' | 'Challenge' | 'Event',
    props: Record<string, unknown> = {},
  ): this {
    return this.node(id, kind, props);
  }
  rel(type: RelType, from: string, to: string, props: Record<string, unknown> = {}): this {
    for (const id of [from, to]) if (!this.g.hasNode(id)) throw new Error(`fixture: no node ${id}`);
    putEdge(this.g, type, from, to, props);
    return this;
  }
  knows(a: string, b: string, strength = 1): this {
    return this.rel('KNOWS', a, b, { strength });
  }
  works(p: string, o: string): this {
    return this.rel('WORKS_AT', p, o);
  }
}

/** A キーパーソン群 of declared members with the given score, for tests that fix the group. */
export function declaredGroup(ids: string[], score = 1): KeyPersonScore[] {
  return ids.map((id) => ({
    personId: id,
    name: id,
    score,
    betweenness: 0,
    constraint: 1,
    reach: 0,
    community: 0,
    declared: true,
    inGroup: true,
    assessed: 0,
    reasons: [],
  }));
}
