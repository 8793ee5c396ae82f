/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked by the assertions */
/**
 * The web import's routes against the real server and Neo4j (docs/import-format.md "Web
 * import"): an .xlsx workbook written by another library (write-excel-file) and a Shift_JIS CSV
 * previewed (counts per kind, every bad row with sheet, row, column), committed in one
 * transaction with progress, previewed again as unchanged; hostile uploads (a 50 MB file, a
 * zip bomb, formula cells) refused or stored as text and exported as text; a region's export
 * imports back as all unchanged.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/driver';
import { createApp, type App } from './app';
import { listenOnLoopback, type Listening } from './listen';
import { ensurePilotSeed } from '../../web/e2e/server';
import { bearer } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import { readWorkbook } from '../import/xlsx/read';
import { DEFAULT_UPLOAD_LIMITS } from '../import/limits';

const PREFIX = 'test-webimport:';
let db: Database;
let app: App;
let served: Listening;
let admin: Record<string, string>;
let shiojiri: Record<string, string>;
let tsubame: Record<string, string>;

function form(files: { name: string; bytes: Uint8Array | Buffer | string }[]): FormData {
  const fd = new FormData();
  for (const f of files) {
    const bytes = typeof f.bytes === 'string' ? Buffer.from(f.bytes) : f.bytes;
    fd.append('files', new Blob([new Uint8Array(bytes)]), f.name);
  }
  return fd;
}

async function upload(path: string, files: Parameters<typeof form>[0], headers = admin) {
  const res = await fetch(`${served.url}${path}`, { method: 'POST', headers, body: form(files) });
  const text = await res.text();
  return { status: res.status, text };
}

async function preview(files: Parameters<typeof form>[0], headers = admin) {
  const r = await upload('/api/import/preview', files, headers);
  return { status: r.status, body: JSON.parse(r.text) as any };
}

async function commit(files: Parameters<typeof form>[0], headers = admin) {
  const r = await upload('/api/import/commit', files, headers);
  expect(r.status).toBe(200);
  const lines = r.text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as any);
  return { lines, result: lines.at(-1).result, error: lines.at(-1).error };
}

async function q(query: string, params: Record<string, unknown> = {}) {
  const res = await db.driver.executeQuery(query, params, { database: db.database });
  return res.records.map((r) => r.toObject() as any);
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** A workbook as a coordinator would fill it in another program: Japanese headers, a bad row. */
async function workbook(badEmployees: string | number): Promise<Buffer> {
  const t = (v: string | number) => ({ value: v });
  return writeXlsxFile([
    {
      sheet: 'Person 人物',
      data: [
        [t('ID'), t('氏名'), t('出身'), t('メールアドレス')],
        [t(`${PREFIX}p1`), t('髙橋　𠮷子'), t('outside'), t('yoshiko@example.jp')],
        [t(`${PREFIX}p2`), t('上田 浩二'), t('local'), t('koji@example.jp')],
      ],
    },
    {
      sheet: 'SME',
      data: [
        [
          t('id'),
          t('name'),
          t('industry'),
          t('employees'),
          t('hasHrStaff'),
          t('hasEvaluationSystem'),
          t('stage'),
        ],
        [
          t(`${PREFIX}s1`),
          t('㈱テスト製作所'),
          t('製造業'),
          t(badEmployees),
          t('はい'),
          t('いいえ'),
          t('interested'),
        ],
      ],
    },
    {
      sheet: 'KNOWS',
      data: [
        [t('from'), t('to'), t('strength')],
        [t(`${PREFIX}p1`), t(`${PREFIX}p2`), t(2)],
      ],
    },
  ] as never).toBuffer();
}

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  await removeByIdPrefix(db, PREFIX);
  app = createApp(db, { importLimits: { maxBytes: 2 * 1024 * 1024 } });
  await app.graphqlReady;
  admin = await bearer(app, db, { username: 'webimport-admin', role: 'admin' });
  shiojiri = await bearer(app, db, {
    username: 'webimport-shiojiri',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
  });
  tsubame = await bearer(app, db, {
    username: 'webimport-tsubame',
    role: 'coordinator',
    deptId: 'dept:tsubame',
  });
  served = await listenOnLoopback(app);
}, 300_000);

afterAll(async () => {
  await served?.close();
  if (db) await removeByIdPrefix(db, PREFIX);
});

describe('web import: preview and commit', () => {
  it('previews an .xlsx workbook: counts per kind and the bad row by sheet, row and column; nothing written', async () => {
    const { status, body } = await preview([
      { name: 'region.xlsx', bytes: await workbook('十二') },
    ]);
    expect(status).toBe(200);
    expect(body.dryRun).toBe(true);
    expect(body.errors).toEqual([
      expect.objectContaining({ file: 'region.xlsx', sheet: 'SME', row: 2, column: 'employees' }),
    ]);
    expect(body.errors[0].reason).toMatch(/whole number/);
    expect(body.files.map((f: any) => [f.sheet, f.target, f.rows])).toEqual([
      ['Person 人物', 'Person', 2],
      ['SME', 'SME', 1],
      ['KNOWS', 'KNOWS', 1],
    ]);
    expect(await q('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n', { p: PREFIX })).toEqual(
      [],
    );
  });

  it('commits the fixed workbook in one transaction with progress; the preview then says all unchanged', async () => {
    const book = await workbook(12);
    const first = await preview([{ name: 'region.xlsx', bytes: book }]);
    expect(first.body.errors).toEqual([]);
    expect(first.body.created).toEqual({ Person: 2, SME: 1, KNOWS: 1 });
    const { lines, result } = await commit([{ name: 'region.xlsx', bytes: book }]);
    expect(lines.some((l) => l.progress?.phase === 'commit')).toBe(true);
    expect(result.dryRun).toBe(false);
    expect(result.created).toEqual({ Person: 2, SME: 1, KNOWS: 1 });
    expect(result.graphVersion).toBeGreaterThan(0);
    const stored = await q('MATCH (p:Person {id: $id}) RETURN p.name AS name', {
      id: `${PREFIX}p1`,
    });
    expect(stored[0].name).toBe('髙橋　𠮷子'); // as typed
    const again = await preview([{ name: 'region.xlsx', bytes: book }]);
    expect(sum(again.body.created) + sum(again.body.updated)).toBe(0);
    expect(again.body.unchanged).toEqual({ Person: 2, SME: 1, KNOWS: 1 });
  });

  it('flags likely duplicates: folded name, same e-mail, another row; only persons the importer may read', async () => {
    const csv =
      `id,name,origin,email\n` +
      `${PREFIX}dup1,上田\u3000浩二,local,KOJI@example.jp\n` +
      `${PREFIX}dup2,佐藤 一郎,local,ichiro@example.jp\n` +
      `${PREFIX}dup3,佐藤一郎,local,\n`;
    const located = `from,to\n${PREFIX}dup1,region:tsubame\n${PREFIX}dup2,region:tsubame\n${PREFIX}dup3,region:tsubame\n`;
    const files = [
      { name: 'Person.csv', bytes: csv },
      { name: 'LOCATED_IN.csv', bytes: located },
    ];
    const { body } = await preview(files);
    expect(body.errors).toEqual([]);
    const pairs = body.duplicates.map((d: any) => [d.id, d.otherId, d.reasons, d.row]);
    expect(pairs).toContainEqual([`${PREFIX}dup1`, `${PREFIX}p2`, ['name', 'email'], 2]);
    expect(pairs).toContainEqual([`${PREFIX}dup3`, `${PREFIX}dup2`, ['name'], 4]);
    // The 燕市 coordinator is not told of the 塩尻市 person (p2 is located nowhere they read).
    const mine = await preview(files, tsubame);
    expect(mine.status).toBe(200);
    const theirs = mine.body.duplicates.map((d: any) => d.otherId);
    expect(theirs).not.toContain(`${PREFIX}p2`);
    expect(theirs).toContain(`${PREFIX}dup2`);
  });

  it('flags likely duplicate organisations and SMEs: folded name, same kind, same region; a warning only', async () => {
    const orgs =
      `id,name,kind\n` +
      `${PREFIX}o1,ＮＰＯ法人\u3000ＭＥＧＵＲＵ,npo\n` + // org:meguru of 塩尻市, width and space
      `${PREFIX}o2,株式会社テスト精機,other\n`; // an SME's name: another kind
    const sme = (id: string, name: string) =>
      `${PREFIX}${id},${name},製造業,10,false,false,interested\n`;
    const smes = (other: boolean) =>
      `id,name,industry,employees,hasHrStaff,hasEvaluationSystem,stage\n` +
      sme('s8', '株式会社 テスト精機') +
      sme('s9', '株式会社テスト精機') +
      (other ? sme('s10', '株式会社テスト精機') : ''); // in 燕市: another company
    const located = (other: boolean) =>
      `from,to\n${PREFIX}o1,region:shiojiri\n${PREFIX}o2,region:shiojiri\n` +
      `${PREFIX}s8,region:shiojiri\n${PREFIX}s9,region:shiojiri\n` +
      (other ? `${PREFIX}s10,region:tsubame\n` : '');
    // the admin imports into both regions, the 塩尻市 coordinator into 塩尻市 only
    for (const [who, other] of [
      [admin, true],
      [shiojiri, false],
    ] as const) {
      const files = [
        { name: 'Organization.csv', bytes: orgs },
        { name: 'SME.csv', bytes: smes(other) },
        { name: 'LOCATED_IN.csv', bytes: located(other) },
      ];
      const { status, body } = await preview(files, who);
      expect(status).toBe(200);
      expect(body.errors).toEqual([]); // a warning, not an error: the import may go on
      const mine = body.duplicates.filter((d: any) => d.kind !== 'Person');
      expect(
        mine.map((d: any) => [d.kind, d.file, d.row, d.id, d.otherId, d.otherRow?.row ?? null]),
      ).toEqual([
        ['Organization', 'Organization.csv', 2, `${PREFIX}o1`, 'org:meguru', null],
        ['SME', 'SME.csv', 3, `${PREFIX}s9`, `${PREFIX}s8`, 2],
      ]);
      expect(mine[0].name).toBe('ＮＰＯ法人\u3000ＭＥＧＵＲＵ');
      expect(mine[0].otherName).toBe('NPO法人MEGURU');
      expect(mine[0].reasons).toEqual(['name', 'region']);
    }
    // The same name in 燕市 (the 燕市 coordinator, who reads no 塩尻市 node): another organisation.
    const theirs = await preview(
      [
        { name: 'Organization.csv', bytes: `id,name,kind\n${PREFIX}o3,NPO法人MEGURU,npo\n` },
        { name: 'LOCATED_IN.csv', bytes: `from,to\n${PREFIX}o3,region:tsubame\n` },
      ],
      tsubame,
    );
    expect(theirs.status).toBe(200);
    expect(theirs.body.duplicates).toEqual([]);
    expect(
      await q('MATCH (n:Entity) WHERE n.id STARTS WITH $p + "o" RETURN n', { p: PREFIX }),
    ).toEqual([]);
  });

  it('reads a Shift_JIS CSV and a folder of files', async () => {
    const csv = iconv.encode(
      `id,name,origin,title\r\n${PREFIX}p3,佐藤 花子,local,経営支援課長\r\n`,
      'cp932',
    );
    const { body } = await preview([
      { name: 'folder/Person.csv', bytes: csv },
      { name: 'folder/README.txt', bytes: 'notes' },
      { name: 'folder/WORKS_AT.csv', bytes: `from,to\n${PREFIX}p3,org:shiojiri-cci\n` },
    ]);
    expect(body.errors).toEqual([]);
    expect(body.files.map((f: any) => [f.file, f.encoding])).toEqual([
      ['folder/Person.csv', 'shift_jis'],
      ['folder/WORKS_AT.csv', 'utf-8'],
    ]);
    expect(body.skipped).toEqual(['folder/README.txt']);
    expect(body.created).toEqual({ Person: 1, WORKS_AT: 1 });
  });
});

describe('web import: hostile uploads', () => {
  it('refuses a file past the size limit with 413 and a clear message (50 MB against the default 20 MB)', async () => {
    const big = await preview([{ name: 'Person.csv', bytes: Buffer.alloc(3 * 1024 * 1024, 0x41) }]);
    expect(big.status).toBe(413);
    expect(big.body.errors[0].message).toMatch(/larger than 2 MB/);
    expect(big.body.errors[0].message).toMatch(/ファイルが大きすぎます/);
    // The default limit refuses 50 MB as well.
    const dflt = createApp(db);
    await dflt.graphqlReady;
    const served2 = await listenOnLoopback(dflt);
    try {
      const res = await fetch(`${served2.url}/api/import/preview`, {
        method: 'POST',
        headers: admin,
        body: form([{ name: 'Person.csv', bytes: Buffer.alloc(50 * 1024 * 1024, 0x41) }]),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as any).errors[0].message).toMatch(/larger than 20 MB/);
    } finally {
      await served2.close();
    }
    expect(DEFAULT_UPLOAD_LIMITS.maxBytes).toBe(20 * 1024 * 1024);
  });

  it('refuses a zip bomb without unpacking it', async () => {
    const NS = 'http://schemas.openxmlformats.org';
    const bomb = zipSync({
      'xl/workbook.xml': strToU8(
        `<workbook xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="Person" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': new Uint8Array(40_000_000),
    });
    expect(bomb.length).toBeLessThan(100_000);
    const { status, body } = await preview([{ name: 'bomb.xlsx', bytes: bomb }]);
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/zip bomb/);
  });

  it('stores formulas as text and exports them as text, not formulas', async () => {
    const hostile = '=HYPERLINK("http://evil.example","click")';
    const cmd = "=cmd|' /C calc'!A0";
    const csv = `id,name,origin,title\n${PREFIX}f1,"${hostile.replace(/"/g, '""')}",local,${cmd}\n`;
    const located = `from,to\n${PREFIX}f1,region:shiojiri\n`;
    const { result } = await commit([
      { name: 'Person.csv', bytes: csv },
      { name: 'LOCATED_IN.csv', bytes: located },
    ]);
    expect(result.errors).toEqual([]);
    const stored = await q('MATCH (p:Person {id: $id}) RETURN p.name AS name, p.title AS title', {
      id: `${PREFIX}f1`,
    });
    expect(stored[0]).toEqual({ name: hostile, title: cmd });
    const res = await fetch(`${served.url}/api/export/region.xlsx?regionId=region:shiojiri`, {
      headers: admin,
    });
    expect(res.status).toBe(200);
    const book = new Uint8Array(await res.arrayBuffer());
    const parts = unzipSync(book);
    for (const [name, bytes] of Object.entries(parts)) {
      if (name.startsWith('xl/worksheets/'))
        expect(new TextDecoder().decode(bytes)).not.toMatch(/<f[ >]/);
    }
    const person = readWorkbook(book, DEFAULT_UPLOAD_LIMITS).find((s) =>
      s.name.startsWith('Person'),
    )!;
    const row = person.rows.find((r) => r.cells[0] === `${PREFIX}f1`)!;
    expect(row.cells).toContain(hostile);
    expect(row.cells).toContain(cmd);
  });
});

describe('templates and a region export', () => {
  it('the template workbook has a sheet per kind with Japanese headers and a description row, and imports as nothing', async () => {
    const res = await fetch(`${served.url}/api/import/template.xlsx`, { headers: shiojiri });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = Buffer.from(await res.arrayBuffer());
    const sheets = readWorkbook(new Uint8Array(book), DEFAULT_UPLOAD_LIMITS);
    const person = sheets.find((s) => s.name === 'Person 人物')!;
    expect(person.rows[0]!.cells.slice(0, 2)).toEqual(['ID', '氏名']);
    expect(person.rows[0]!.cells).toContain('メールアドレス');
    expect(person.rows[1]!.cells[1]).toMatch(/姓 名/);
    expect(sheets.find((s) => s.name.startsWith('KNOWS'))!.rows[0]!.cells.slice(0, 2)).toEqual([
      '人物ID',
      '知り合いID',
    ]);
    const { body } = await preview([{ name: 'template.xlsx', bytes: book }], shiojiri);
    expect(body.errors).toEqual([]);
    expect(sum(body.created) + sum(body.updated) + sum(body.unchanged)).toBe(0);
  });

  it('a region exported as .xlsx imports back as all unchanged (admin and the region coordinator)', async () => {
    const res = await fetch(`${served.url}/api/export/region.xlsx?regionId=region:shiojiri`, {
      headers: shiojiri,
    });
    expect(res.status).toBe(200);
    const book = Buffer.from(await res.arrayBuffer());
    for (const who of [admin, shiojiri]) {
      const { status, body } = await preview([{ name: 'shiojiri.xlsx', bytes: book }], who);
      expect(body.errors?.[0]?.message?.slice(0, 600) ?? '').toBe('');
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(sum(body.created) + sum(body.updated)).toBe(0);
      expect(body.unchanged.Person).toBeGreaterThan(20);
      expect(body.unchanged.KNOWS).toBeGreaterThan(20);
    }
  });
});
