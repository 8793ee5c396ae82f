/**
 * The pages over time end to end (SPEC §12, issue 15) in Debian's Chromium against the real
 * server and the pilot seed with its history: 推移・比較 (every metric with change and
 * direction, the difference map, the trend charts), the eight regions side by side (sortable,
 * drill-down), and the 協議会資料 printed to PDF by Chromium (A4, the region's name, the date
 * and the sections, no app controls) for the municipality and the analyst (pseudonymised).
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { ensurePilotSeed, startWebServer, type RunningServer } from './server';

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))('pages over time (Chromium, real server)', () => {
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    const db = await testDb();
    await ensurePilotSeed(db);
    server = await startWebServer(db);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pageAs(account: { username: string; password: string }, url: string) {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'ja-JP',
    });
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('CSP violation: ' + e.violatedDirective));`,
    });
    const p = await context.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    p.on('console', (m) => {
      if (/status of 401/.test(m.text())) return;
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await p.goto(url);
    await p.waitForSelector('form.auth');
    await p.fill('#auth-username', account.username);
    await p.fill('#auth-password', account.password);
    await p.click('form.auth button[type=submit]');
    await p.waitForSelector('.time-nav', { timeout: 60_000 });
    return p;
  }

  async function pdfText(p: Page): Promise<{ text: string; pages: number; bytes: Buffer }> {
    await p.waitForFunction(() => document.body.dataset.reportReady === 'true', null, {
      timeout: 120_000,
    });
    const bytes = await p.pdf({ format: 'A4', printBackground: true });
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    const { text, totalPages } = await extractText(doc, { mergePages: true });
    // PDF text comes with CJK radicals for some kanji (⼈ for 人): compared folded (NFKC)
    return { text: String(text).normalize('NFKC').replace(/\s+/g, ''), pages: totalPages, bytes };
  }

  it('compares two dates: every metric with change and direction, the difference map, the trend', async () => {
    const p = await pageAs(
      server.accounts.coordinator,
      `${server.url}/compare?region=region%3Ashiojiri&from=2022-04-01&to=${today}`,
    );
    await p.waitForSelector('[data-key=compare-table] tbody tr[data-metric=ties]', {
      timeout: 120_000,
    });
    const rows = await p.$$eval('[data-key=compare-table] tbody tr[data-metric]', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent?.trim() ?? '')),
    );
    expect(rows).toHaveLength(15);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(rows.some((r) => r[4] === '改善')).toBe(true);
    // since 令和4年度 the network grew: more ties
    const ties = rows.find((r) => r[0] === 'つながりの数')!;
    expect(ties[3]).toMatch(/^\+/);
    const counts = await p.textContent('[data-key=diff-counts]');
    expect(counts).toMatch(/新しいつながり [1-9]\d*本/);
    expect(counts).toMatch(/去った人 [1-9]\d*人/);
    await p.waitForSelector('.diff-canvas canvas');
    await p.waitForSelector('.trend canvas');
    expect(await p.$$eval('.trend', (f) => f.length)).toBe(16);
    await p.screenshot({ path: 'docs/screenshots/compare-shiojiri.png', fullPage: false });
    await p.context().close();
  }, 240_000);

  it('shows the eight regions side by side, sorts by a metric and drills down to the map', async () => {
    const p = await pageAs(server.accounts.analyst, `${server.url}/regions`);
    await p.waitForSelector('[data-key=regions-table] tbody tr', { timeout: 180_000 });
    const regions = () =>
      p.$$eval('[data-key=regions-table] tbody tr', (trs) =>
        trs.map((tr) => tr.getAttribute('data-region')),
      );
    expect(await regions()).toHaveLength(8);
    const tiesOf = () =>
      p.$$eval('[data-key=regions-table] tbody tr', (trs) =>
        trs.map((tr) => Number((tr.children[7]?.textContent ?? '').replace(/,/g, ''))),
      );
    await p.click('button[data-sort=ties]');
    const desc = await tiesOf();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await p.click('button[data-sort=ties]');
    const asc = await tiesOf();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(await p.$$eval('.multiple', (f) => f.length)).toBe(15);
    const title = await p.getAttribute('button[data-sort=density]', 'title');
    expect(
      title ??
        (await p.$eval('button[data-sort=density]', (b) => b.parentElement?.getAttribute('title'))),
    ).toMatch(/割合/);
    await p.screenshot({ path: 'docs/screenshots/regions.png', fullPage: false });
    await p.click('a[href^="/?region=region%3Ashiojiri"]');
    await p.waitForURL(/region=region%3Ashiojiri/);
    await p.context().close();
  }, 300_000);

  it('prints the 協議会資料 to an A4 PDF with the region, the date and every section, without controls', async () => {
    const p = await pageAs(
      server.accounts.municipality,
      `${server.url}/report?region=region%3Ashiojiri`,
    );
    const { text, pages, bytes } = await pdfText(p);
    for (const s of [
      '塩尻市地域の人事部協議会資料',
      `作成日${today}`,
      'ネットワークの地図',
      'キーパーソン群',
      'ギャップ（重要度順）',
      '紹介の提案（上位）',
      'アウトリーチ先',
      'からの変化',
    ]) {
      expect(text, s).toContain(s.normalize('NFKC'));
    }
    for (const control of [
      '印刷/PDFで保存',
      '8地域の比較',
      'サインアウト',
      '推移・比較',
      'English',
    ]) {
      expect(text, control).not.toContain(control.normalize('NFKC'));
    }
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(6);
    // A4: 595 × 842 points
    expect(bytes.toString('latin1')).toMatch(
      /MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+|MediaBox\s*\[\s*0 0 595\.\d+ 842\.\d+/,
    );
    // the map image is in the report
    expect(
      await p.$eval('.report-map img', (i) => (i as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(100);
    await p.context().close();
  }, 300_000);

  it("the analyst's report names non-consenting persons by their alias only", async () => {
    const p = await pageAs(
      server.accounts.analyst,
      `${server.url}/report?region=region%3Ashiojiri`,
    );
    const { text } = await pdfText(p);
    expect(text).toContain('塩尻市');
    expect(text).toContain('仮名');
    expect(text).toMatch(/匿名-/);
    await p.context().close();
  }, 300_000);

  it('had no page errors and no CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
