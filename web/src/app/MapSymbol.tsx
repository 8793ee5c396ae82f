/**
 * The map's marks as small SVGs for the legend and the kind filter: the node shapes Cytoscape
 * draws (with fill and border), a line of a tie, a community area. The colours come from
 * map/palette.ts, so the legend cannot drift from the map.
 */
const SHAPES: Record<string, string> = {
  'round-rectangle': '',
  'round-hexagon': '4,1 12,1 15.5,8 12,15 4,15 0.5,8',
  'round-octagon': '5,0.8 11,0.8 15.2,5 15.2,11 11,15.2 5,15.2 0.8,11 0.8,5',
  star: '8,0.5 10.1,5.6 15.6,5.9 11.3,9.4 12.7,14.8 8,11.8 3.3,14.8 4.7,9.4 0.4,5.9 5.9,5.6',
  'round-diamond': '8,0.6 15.4,8 8,15.4 0.6,8',
  'round-triangle': '8,1 15.2,14.6 0.8,14.6',
  vee: '0.8,1.5 8,6 15.2,1.5 8,15',
  'round-tag': '1,2 11,2 15.4,8 11,14 1,14',
};

export function NodeSymbol(props: {
  shape: string;
  fill: string;
  stroke: string;
  strokeWidth?: number;
  /** A soft ring around the mark (the キーパーソン群's glow). */
  glow?: string;
  size?: number;
}) {
  const size = props.size ?? 16;
  const sw = props.strokeWidth ?? 1;
  const common = { fill: props.fill, stroke: props.stroke, 'stroke-width': sw };
  const points = SHAPES[props.shape];
  // The glow takes room around the mark: the shape is drawn smaller inside.
  const view = props.glow ? '-4 -4 24 24' : '-1 -1 18 18';
  return (
    <svg
      class="symbol"
      width={props.glow ? size + 6 : size}
      height={props.glow ? size + 6 : size}
      viewBox={view}
      aria-hidden="true"
    >
      {props.glow ? <circle cx="8" cy="8" r="11" fill={props.glow} opacity="0.4" /> : null}
      {props.shape === 'ellipse' ? (
        <circle cx="8" cy="8" r={7.5 - sw / 2} {...common} />
      ) : props.shape === 'round-rectangle' ? (
        <rect x="1" y="1" width="14" height="14" rx="3" {...common} />
      ) : (
        <polygon points={points ?? ''} stroke-linejoin="round" {...common} />
      )}
    </svg>
  );
}

export function LineSymbol(props: { color: string; width?: number; dashed?: boolean }) {
  return (
    <svg class="symbol" width="26" height="12" viewBox="0 0 26 12" aria-hidden="true">
      <line
        x1="1"
        y1="6"
        x2="25"
        y2="6"
        stroke={props.color}
        stroke-width={props.width ?? 2}
        stroke-dasharray={props.dashed ? '5 3' : undefined}
      />
    </svg>
  );
}

export function AreaSymbol(props: { fill: string; stroke: string }) {
  return (
    <svg class="symbol" width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">
      <rect x="1" y="1" width="20" height="12" rx="6" fill={props.fill} stroke={props.stroke} />
    </svg>
  );
}
