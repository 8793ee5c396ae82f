/**
 * Where a person works, as the 紹介の提案 panel names it beside each person (「青木 彩（塩尻商工会議所）」):
 * the names of their WORKS_AT ties on the map, in the map's order, each once.
 */
export interface TieLike {
  type: string;
  source: string;
  target: string;
}

export function workplaces(
  edges: readonly TieLike[],
  personId: string,
  nameOf: (id: string) => string,
): string[] {
  const ids = edges
    .filter((e) => e.type === 'WORKS_AT' && e.source === personId)
    .map((e) => e.target);
  return [...new Set(ids)].map(nameOf);
}
