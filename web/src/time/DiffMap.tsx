/**
 * The difference of two networks as a map (SPEC §12): the people of the ties that began or
 * ended, and the people who came or left. New ties green and solid, ended ties red and dashed;
 * new people green, departed people grey with a red ring; the rest white. Cytoscape with the
 * built-in cose layout (the difference is small: tens of nodes).
 */
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { Difference } from './queries';

export function DiffMap({ diff }: { diff: Difference }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const nodes = new Map<string, { id: string; name: string; cls: string }>();
    const put = (id: string, name: string, cls = 'same') => {
      const prev = nodes.get(id);
      if (!prev || prev.cls === 'same') nodes.set(id, { id, name, cls });
    };
    for (const p of diff.newPersons) put(p.id, p.name, 'came');
    for (const p of diff.departedPersons) put(p.id, p.name, 'left');
    const edges = [
      ...diff.newTies.map((e) => ({ ...e, cls: 'new' })),
      ...diff.endedTies.map((e) => ({ ...e, cls: 'ended' })),
    ];
    for (const e of edges) {
      put(e.fromId, e.fromName);
      put(e.toId, e.toName);
    }
    const cy = cytoscape({
      container: host.current,
      elements: [
        ...[...nodes.values()].map((n) => ({ data: { id: n.id, label: n.name }, classes: n.cls })),
        ...edges.map((e) => ({
          data: { id: `${e.cls}:${e.id}`, source: e.fromId, target: e.toId },
          classes: e.cls,
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 10,
            width: 14,
            height: 14,
            'background-color': '#ffffff',
            'border-width': 1,
            'border-color': '#4f5965',
          },
        },
        {
          selector: 'node.came',
          style: { 'background-color': '#1e8e3e', 'border-color': '#0b5d24' },
        },
        {
          selector: 'node.left',
          style: { 'background-color': '#c9ced6', 'border-color': '#b3261e', 'border-width': 3 },
        },
        { selector: 'edge', style: { width: 2, 'curve-style': 'bezier' } },
        { selector: 'edge.new', style: { 'line-color': '#1e8e3e' } },
        { selector: 'edge.ended', style: { 'line-color': '#b3261e', 'line-style': 'dashed' } },
      ],
      layout: { name: 'cose', animate: false, randomize: false },
      userZoomingEnabled: true,
    });
    return () => cy.destroy();
  }, [diff]);
  return (
    <figure class="diff-map">
      <div ref={host} class="diff-canvas" role="img" aria-label={t('time.diff.title')} />
      <figcaption class="diff-legend">
        <span class="swatch new" /> {t('time.diff.new')}
        <span class="swatch ended" /> {t('time.diff.ended')}
        <span class="dot came" /> {t('time.diff.newPerson')}
        <span class="dot left" /> {t('time.diff.departed')}
      </figcaption>
    </figure>
  );
}
