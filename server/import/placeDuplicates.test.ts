/**
 * Likely duplicates among an import's organisations and SMEs (server/import/placeDuplicates.ts),
 * on hand-made rows: the folded name of the same kind in the same region, against a stored node
 * or another row; another kind, another region or the node itself is no duplicate.
 */
import { describe, expect, it } from 'vitest';
import { emptyDataset, emptySources } from './dataset';
import { placeDuplicates, uploadPlaces, type Place } from './placeDuplicates';

const at = (row: number, file = 'SME.csv') => ({ file, row });
const place = (
  id: string,
  kind: Place['kind'],
  name: string,
  regions: string[],
  row?: number,
): Place => ({
  id,
  kind,
  name,
  regions: new Set(regions),
  ...(row !== undefined ? { at: at(row, `${kind}.csv`) } : {}),
});

describe('organisation and SME duplicates on import', () => {
  const stored = [
    place('sme:miyama', 'SME', '株式会社ミヤマ精工', ['region:shiojiri']),
    place('sme:miyama-tsubame', 'SME', '株式会社ミヤマ精工', ['region:tsubame']),
    place('org:npo', 'Organization', 'NPO法人 しおじりラボ', ['region:shiojiri']),
  ];

  it('flags the folded name (width, spaces, kana) of the same kind in the same region', () => {
    const rows = [
      place('new:1', 'SME', '株式会社\u3000ﾐﾔﾏ精工', ['region:shiojiri'], 2),
      place('new:2', 'Organization', 'ＮＰＯ法人しおじりラボ', ['region:shiojiri'], 2),
      place('new:3', 'Organization', 'npo法人 シオジリラボ', ['region:shiojiri'], 3),
    ];
    const out = placeDuplicates(rows, stored, 100);
    expect(out.map((d) => [d.kind, d.id, d.otherId, d.row, d.otherRow?.row ?? null])).toEqual([
      ['SME', 'new:1', 'sme:miyama', 2, null],
      ['Organization', 'new:2', 'org:npo', 2, null],
      ['Organization', 'new:3', 'org:npo', 3, null],
      ['Organization', 'new:3', 'new:2', 3, 2],
    ]);
    expect(out[0]!.reasons).toEqual(['name', 'region']);
    expect(out[0]!.file).toBe('SME.csv');
    // as typed, never folded
    expect(out[0]!.name).toBe('株式会社\u3000ﾐﾔﾏ精工');
  });

  it('does not flag another kind, another region, the node itself, or a pair of rows twice', () => {
    const rows = [
      // the SME's name as an organisation's
      place('new:org', 'Organization', '株式会社ミヤマ精工', ['region:shiojiri'], 2),
      // same name in 松本市: another company
      place('new:matsumoto', 'SME', '株式会社ミヤマ精工', ['region:matsumoto'], 2),
      // the stored node itself, updated by the upload
      place('org:npo', 'Organization', 'NPO法人しおじりラボ', ['region:shiojiri'], 3),
    ];
    expect(placeDuplicates(rows, stored, 100)).toEqual([]);
    const twins = [
      place('a', 'SME', '有限会社 テスト', [], 2),
      place('b', 'SME', '有限会社テスト', [], 3),
    ];
    // both located nowhere: the same "region"; listed once, at the later row
    expect(placeDuplicates(twins, [], 100).map((d) => [d.id, d.otherId])).toEqual([['b', 'a']]);
    expect(
      placeDuplicates(twins, [place('c', 'SME', '有限会社テスト', ['region:x'])], 100),
    ).toHaveLength(1);
  });

  it('stops at the limit', () => {
    const rows = Array.from({ length: 5 }, (_, i) => place(`r${i}`, 'SME', '同名', [], i + 2));
    expect(placeDuplicates(rows, [], 3)).toHaveLength(3);
  });

  it("takes a row's regions from the upload's LOCATED_IN rows, else from what is stored", () => {
    const dataset = emptyDataset();
    const sources = emptySources();
    dataset.nodes.SME = [
      { id: 'x1', name: 'エックス' },
      { id: 'x2', name: 'エックス2' },
      { id: 'x3', name: '   ' },
    ] as never;
    sources.nodes.SME = [at(2), at(3), at(4)];
    dataset.nodes.Organization = [{ id: 'o1', name: '機関' }] as never;
    dataset.relationships.LOCATED_IN = [{ from: 'x1', to: 'region:shiojiri' }] as never;
    const places = uploadPlaces(
      dataset,
      sources,
      new Map([
        ['x1', new Set(['region:tsubame'])],
        ['x2', new Set(['region:matsumoto'])],
      ]),
    );
    expect(places.map((p) => [p.kind, p.id, [...p.regions], p.at?.row ?? null])).toEqual([
      ['Organization', 'o1', [], null],
      ['SME', 'x1', ['region:shiojiri'], 2],
      ['SME', 'x2', ['region:matsumoto'], 3],
    ]);
  });
});
