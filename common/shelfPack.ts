/**
 * Shelf packing of laid-out parts (the connected groups of a map): rows about as wide as the
 * square root of their total area, 160 apart. Shared by the server's layout of large maps
 * (server/graphql/mapLayout.ts) and the browser's (web/src/layoutCore.ts): it only computes
 * where each part's origin goes.
 */
export interface PartSize {
  w: number;
  h: number;
}

export const SHELF_GAP = 160;

/** The offset of each part, in the order given. */
export function shelfOffsets(parts: readonly PartSize[]): Array<{ x: number; y: number }> {
  const gap = SHELF_GAP;
  const total = parts.reduce((s, p) => s + (p.w + gap) * (p.h + gap), 0);
  const rowWidth = Math.max(Math.sqrt(total) * 1.4, ...parts.map((p) => p.w));
  const out: Array<{ x: number; y: number }> = [];
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const p of parts) {
    if (x > 0 && x + p.w > rowWidth) {
      x = 0;
      y += rowH + gap;
      rowH = 0;
    }
    out.push({ x, y });
    x += p.w + gap;
    rowH = Math.max(rowH, p.h);
  }
  return out;
}
