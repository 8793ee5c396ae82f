/**
 * A still image of a region's map for the printed report: Cytoscape drawn off screen with the
 * server's layout positions when the map has them (else the built-in cose layout), the
 * キーパーソン群 amber with a dark ring, then exported as a PNG data URL (the CSP allows data:
 * images) and the instance destroyed.
 */
import cytoscape from 'cytoscape';

export interface ReportMapNode {
  id: string;
  kind: string;
  name: string;
  inKeyPersonGroup: boolean;
  x: number | null;
  y: number | null;
}
export interface ReportMapEdge {
  id: string;
  source: string;
  target: string;
}

const FILL: Record<string, string> = {
  Person: '#9db4d6',
  Organization: '#5f7d95',
  SME: '#e3b27a',
  RegionalHRDept: '#6a3d9a',
  Region: '#c0c0c0',
  Event: '#b5d99c',
};

export async function mapImage(
  nodes: ReportMapNode[],
  edges: ReportMapEdge[],
  width = 1400,
  height = 900,
): Promise<string> {
  const host = document.createElement('div');
  host.style.position = 'absolute';
  host.style.left = '-10000px';
  host.style.width = `${width}px`;
  host.style.height = `${height}px`;
  document.body.appendChild(host);
  const shown = nodes.filter((n) => n.kind !== 'Skill' && n.kind !== 'Challenge');
  const ids = new Set(shown.map((n) => n.id));
  const preset = shown.every((n) => n.x !== null && n.y !== null);
  const cy = cytoscape({
    container: host,
    elements: [
      ...shown.map((n) => ({
        data: { id: n.id, label: n.inKeyPersonGroup || n.kind !== 'Person' ? n.name : '' },
        position: preset ? { x: n.x!, y: n.y! } : { x: 0, y: 0 },
        classes: `${n.kind}${n.inKeyPersonGroup ? ' kp' : ''}`,
      })),
      ...edges
        .filter((e) => ids.has(e.source) && ids.has(e.target))
        .map((e) => ({ data: { id: e.id, source: e.source, target: e.target } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          width: 10,
          height: 10,
          'background-color': (n: cytoscape.NodeSingular) => FILL[n.classes()[0] ?? ''] ?? '#999',
          label: 'data(label)',
          'font-size': 9,
          color: '#1b1f24',
        },
      },
      { selector: 'node.Organization', style: { shape: 'round-rectangle', width: 14, height: 14 } },
      { selector: 'node.SME', style: { shape: 'rectangle' } },
      {
        selector: 'node.RegionalHRDept',
        style: { shape: 'star', width: 22, height: 22, 'font-size': 12 },
      },
      {
        selector: 'node.kp',
        style: {
          'background-color': '#f2b705',
          'border-width': 2,
          'border-color': '#1b1f24',
          width: 16,
          height: 16,
        },
      },
      { selector: 'edge', style: { width: 0.6, 'line-color': '#b8c0cc' } },
    ],
    layout: preset
      ? { name: 'preset' }
      : { name: 'cose', animate: false, randomize: false, numIter: 400 },
  });
  cy.fit(undefined, 20);
  const png = cy.png({ output: 'base64uri', full: false, scale: 1, bg: '#ffffff' });
  cy.destroy();
  host.remove();
  return png;
}
