/**
 * The one component behind which the Cytoscape map lives: it makes the MapView (map.ts, its edge
 * layer and layout workers) on the element it renders, and lets map/sync.ts keep it in step
 * with the store. Preact renders the element and its label, never what the map puts inside it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { AppStore } from '../store/app';
import { MapView } from './map';
import { mapHandlers, syncMap } from './sync';

export function MapCanvas({ store }: { store: AppStore }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const view = new MapView(box.current!, mapHandlers(store));
    store.mapView.value = view;
    const stop = syncMap(store, view);
    return () => {
      stop();
      store.mapView.value = null;
    };
  }, [store]);
  const drawn = store.drawn.value !== null;
  return (
    <div
      id="cy"
      class="cy"
      role="img"
      ref={box}
      aria-label={drawn ? `${t('map.label')}: ${store.regionLabel()}` : undefined}
    />
  );
}
