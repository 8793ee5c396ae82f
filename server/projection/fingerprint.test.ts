import { describe, expect, it } from 'vitest';
import { createNetworkGraph, putEdge, putNode, type NetworkGraph } from '../analytics/graph';
import { graphFingerprint } from './fingerprint';

function graph(order: 'ab' | 'ba', title = '課長', strength = 2): NetworkGraph {
  const g = createNetworkGraph();
  const nodes = {
    a: {
      kind: 'Person' as const,
      name: '上田',
      labels: ['KeyPerson', 'Talent'],
      props: { id: 'a', name: '上田', title },
    },
    b: { kind: 'Person' as const, name: '佐藤', labels: [], props: { name: '佐藤', id: 'b' } },
  };
  for (const id of order === 'ab' ? ['a', 'b'] : ['b', 'a']) putNode(g, id, nodes[id as 'a' | 'b']);
  putEdge(
    g,
    'KNOWS',
    'a',
    'b',
    order === 'ab' ? { strength, since: '2024-04-01' } : { since: '2024-04-01', strength },
  );
  return g;
}

describe('graphFingerprint', () => {
  it('does not depend on the order nodes, labels and properties were read in', () => {
    const g = graph('ba');
    g.updateNodeAttribute('a', 'labels', () => ['Talent', 'KeyPerson']);
    expect(graphFingerprint(g)).toBe(graphFingerprint(graph('ab')));
  });
  it('changes with a property of a node or a tie, a tie, or the extra inputs', () => {
    const base = graphFingerprint(graph('ab'));
    expect(graphFingerprint(graph('ab', '部長'))).not.toBe(base);
    expect(graphFingerprint(graph('ab', '課長', 3))).not.toBe(base);
    const g = graph('ab');
    putEdge(g, 'KNOWS', 'b', 'a', { strength: 1 });
    expect(graphFingerprint(g)).not.toBe(base);
    expect(graphFingerprint(graph('ab'), [{ fromId: 'a', toId: 'b' }])).not.toBe(base);
  });
});
