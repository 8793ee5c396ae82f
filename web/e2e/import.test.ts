/**
 * The import page end to end in Chromium, as the 塩尻市 coordinator, against the real server and
 * Neo4j: an .xlsx workbook written by another spreadsheet library (write-excel-file, not our
 * exporter) with Japanese headers and one bad row, together with a Shift_JIS CSV, shows a preview
 * with the bad row (sheet, row, column, reason) and no way to confirm; fixed and chosen again,
 * the preview counts what would be created, 「取り込む」 writes it in one transaction, and the
 * nodes are in the database as typed. Saves docs/screenshots/import-preview.png.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { chromium, type Browser, type Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config/env';
import type { Database } from '../../server/db/driver';
import { removeByIdPrefix, testDb } from '../../test/db';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { ensurePilotSeed, startWebServer, type RunningServer } from './server';

const PREFIX = 'e2e-import:';
const SHOTS = path.join(PROJECT_ROOT, 'docs', 'screenshots');

async function workbook(file: string, employees: string | number): Promise<void> {
  const t = (v: string | number) => ({ value: v });
  const buf = await writeXlsxFile([
    {
      sheet: 'Person 人物',
      data: [
        [t('ID'), t('氏名'), t('出身'), t('肩書き')],
        [t(`${PREFIX}p1`), t('髙橋　𠮷子'), t('outside'), t('副業人材（ＩＴ）')],
      ],
    },
    {
      sheet: 'SME 企業',
      data: [
        [
          t('ID'),
          t('企業名'),
          t('業種'),
          t('従業員数'),
          t('人事専任担当者'),
          t('人事評価制度'),
          t('支援段階'),
        ],
        [
          t(`${PREFIX}s1`),
          t('㈱塩尻テスト製作所'),
          t('製造業'),
          t(employees),
          t('いいえ'),
          t('いいえ'),
          t('interested'),
        ],
      ],
    },
    {
      sheet: 'LOCATED_IN',
      data: [
        [t('from'), t('to')],
        [t(`${PREFIX}p1`), t('region:shiojiri')],
        [t(`${PREFIX}p2`), t('region:shiojiri')],
        [t(`${PREFIX}s1`), t('region:shiojiri')],
      ],
    },
  ] as never).toBuffer();
  fs.writeFileSync(file, buf);
}

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))('import page (Chromium, real server)', () => {
  let db: Database;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'e2e-import-'));
  const book = path.join(dir, '塩尻市の追加.xlsx');
  const csv = path.join(dir, 'Person.sjis.csv');

  beforeAll(async () => {
    db = await testDb();
    await ensurePilotSeed(db);
    await removeByIdPrefix(db, PREFIX);
    server = await startWebServer(db);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    // Sign in as the 塩尻市 coordinator through the form.
    await page.goto(`${server.url}/import`);
    await page.fill('#auth-username', server.accounts.coordinator.username);
    await page.fill('#auth-password', server.accounts.coordinator.password);
    await page.click('[data-key=signin]');
    await page.waitForSelector('[data-key=import-drop]', { timeout: 60_000 });
    fs.writeFileSync(
      csv,
      iconv.encode(
        `id,name,origin,title\r\n${PREFIX}p2,上田 浩二,local,経営支援課長（ｼｽﾃﾑ）\r\n`,
        'cp932',
      ),
    );
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (db) await removeByIdPrefix(db, PREFIX);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is reached from the header and offers the template and the region export', async () => {
    await page.goto(`${server.url}/`);
    await page.click('[data-key=nav-import]');
    await page.waitForSelector('[data-key=import-drop]');
    expect(new URL(page.url()).pathname).toBe('/import');
    const template = await page.getAttribute('[data-key=import-template]', 'href');
    const res = await page.request.get(`${server.url}${template}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/spreadsheetml/);
    const exportHref = await page.getAttribute('[data-key=import-export]', 'href');
    expect(exportHref).toContain('regionId=region%3Ashiojiri');
  });

  it('shows the bad row of a workbook with a Shift_JIS CSV, then imports the fixed files', async () => {
    await workbook(book, '十二');
    await page.setInputFiles('[data-key=import-files]', [book, csv]);
    await page.waitForSelector('[data-key=import-preview]', { timeout: 60_000 });
    const errors = await page.$$eval('[data-key=import-errors] tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]!.slice(0, 3)).toEqual(['塩尻市の追加.xlsx', 'SME 企業', '2']);
    expect(errors[0]![3]).toContain('employees');
    expect(errors[0]![4]).toMatch(/整数|whole number/);
    expect(await page.$('[data-key=import-confirm]')).toBeNull();
    const read = await page.textContent('.files-read');
    expect(read).toContain('Shift_JIS');
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'import-preview.png'), fullPage: true });

    // Fixed in the spreadsheet, chosen again.
    await workbook(book, 12);
    await page.setInputFiles('[data-key=import-files]', [book, csv]);
    await page.waitForSelector('[data-key=import-confirm]', { timeout: 60_000 });
    const counts = await page.$$eval('[data-key=import-counts] tbody tr', (rows) =>
      Object.fromEntries(
        rows.map((r) => [
          r.getAttribute('data-kind'),
          [...r.querySelectorAll('td')].map((td) => td.textContent),
        ]),
      ),
    );
    expect(counts).toEqual({
      Person: ['2', '0', '0'],
      SME: ['1', '0', '0'],
      LOCATED_IN: ['3', '0', '0'],
    });
    expect(await page.$('[data-key=import-errors]')).toBeNull();
    await page.click('[data-key=import-confirm]');
    await page.waitForSelector('[data-key=import-done]', { timeout: 60_000 });
    const res = await db.driver.executeQuery(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id, n.name AS name ORDER BY id',
      { p: PREFIX },
      { database: db.database },
    );
    expect(res.records.map((r) => [r.get('id'), r.get('name')])).toEqual([
      [`${PREFIX}p1`, '髙橋　𠮷子'],
      [`${PREFIX}p2`, '上田 浩二'],
      [`${PREFIX}s1`, '㈱塩尻テスト製作所'],
    ]);

    // The same files again: nothing to write.
    await page.setInputFiles('[data-key=import-files]', [book, csv]);
    await page.waitForSelector('[data-key=import-nothing]', { timeout: 60_000 });
    expect(problems).toEqual([]);
  });
});
