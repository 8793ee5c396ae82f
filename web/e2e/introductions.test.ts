/**
 * The introductions log (紹介の記録, SPEC §10) in Chromium as the coordinator of 塩尻市, against
 * the real server and the pilot seed: a suggestion recorded as 承諾 shows 承諾済み and offers
 * 紹介済み; in 紹介の記録 it moves on to 紹介済み with the date and who recorded it; another is
 * declined and the decline undone; a note written stays after a reload; the log downloads as a
 * CSV Excel opens (BOM, Japanese headers, the status, the note). Also saves the data-entry
 * screenshot of the README. The introductions recorded here (and the ties they made) are
 * removed afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db';
import type { Database } from '../../server/db/driver';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import {
  ensurePilotSeed,
  startWebServer,
  undoIntroductionsSince,
  type RunningServer,
} from './server';

/** How long a write may take to show (the map and the analytics are read again). */
const LONG = { timeout: 60_000, interval: 250 };
const SHOTS = path.join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

interface Suggestion {
  id: string;
  fromId: string;
  toId: string;
  viaId: string | null;
  fromName: string;
  toName: string;
}
interface Handle {
  store: { update(p: Record<string, unknown>): void };
  data: {
    suggestions: { status: string; value?: Suggestion[] };
    introductions: { status: string; value?: Array<{ id: string; status: string }> };
  };
}

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))(
  'the introductions log in the web app (Chromium)',
  { timeout: 300_000 },
  () => {
    let db: Database;
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    const problems: string[] = [];
    const started = new Date().toISOString();
    /** The suggestion accepted, then made; the one declined, then undone. */
    let accepted: Suggestion;
    let declined: Suggestion;
    const NOTE = '12月の協議会の後に二人で面談。次回は1月に報告。';

    const cypher = async (q: string, params: Record<string, unknown> = {}) =>
      (await db.driver.executeQuery(q, params, { database: db.database })).records;

    beforeAll(async () => {
      db = await testDb();
      await ensurePilotSeed(db);
      server = await startWebServer(db);
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'ja-JP',
        acceptDownloads: true,
      });
      page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      await page.goto(`${server.url}/?region=region:shiojiri&panel=suggestions`);
      await page.waitForSelector('form.auth');
      await page.fill('#auth-username', server.accounts.coordinator.username);
      await page.fill('#auth-password', server.accounts.coordinator.password);
      await page.click('form.auth button[type=submit]');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      if (db) await undoIntroductionsSince(db, started);
      await server?.close();
    });

    const suggestions = async () => {
      await page.waitForFunction(
        () => {
          const d = (window as unknown as { __app: Handle }).__app.data;
          return d.suggestions.status === 'ok' && d.introductions.status === 'ok';
        },
        undefined,
        { timeout: 60_000 },
      );
      return page.evaluate(
        () => (window as unknown as { __app: Handle }).__app.data.suggestions.value ?? [],
      );
    };
    /** The stored introduction of a pair (either way round), newest first. */
    const stored = async (s: Suggestion) =>
      (
        await cypher(
          `MATCH (f:Person)<-[:FROM]-(i:Introduction)-[:TO]->(t:Person)
           WHERE i.createdAt >= $since
             AND ((f.id = $a AND t.id = $b) OR (f.id = $b AND t.id = $a))
           RETURN i.id AS id, i.status AS status, i.reason AS note, i.recordedBy AS by
           ORDER BY i.createdAt DESC`,
          { since: started, a: s.fromId, b: s.toId },
        )
      ).map((r) => ({
        id: r.get('id') as string,
        status: r.get('status') as string,
        note: r.get('note') as string | null,
        by: r.get('by') as string | null,
      }));
    const openLog = async () => {
      await page.click('#tab-introductions');
      await page.waitForSelector('#panel ol.intro-log', { timeout: 60_000 });
    };
    /** The log entry of a suggestion's pair. */
    const entry = async (s: Suggestion) => {
      const [rec] = await stored(s);
      expect(rec).toBeDefined();
      return page.locator(`#panel li[data-intro-id="${rec!.id}"]`);
    };

    it('records a suggestion as 承諾: it shows 承諾済み and offers 紹介済み next', async () => {
      const list = (await suggestions()).filter((s) => s.viaId);
      expect(list.length).toBeGreaterThanOrEqual(2);
      accepted = list[0]!;
      // another pair (no person of the first), so accepting one does not change the other
      declined = list.find(
        (s) => ![s.fromId, s.toId].some((id) => id === accepted.fromId || id === accepted.toId),
      )!;
      expect(declined).toBeDefined();
      const item = page.locator(`#panel li[data-suggestion-id="${accepted.id}"]`);
      // each person is named with where they work
      await expect.poll(() => item.locator('.works-at').count(), LONG).toBeGreaterThan(0);
      const employers = await cypher(
        'MATCH (:Person {id: $id})-[:WORKS_AT]->(o) RETURN o.name AS name',
        { id: accepted.fromId },
      );
      const shown = await item.locator('.who + .works-at').first().textContent();
      if (employers.length > 0) {
        expect(employers.some((r) => shown?.includes(r.get('name') as string))).toBe(true);
      }
      await item.locator(`button[data-key="rec:${accepted.id}:accepted"]`).click();
      await expect.poll(async () => (await stored(accepted))[0]?.status, LONG).toBe('accepted');
      const badge = page.locator(`#panel [data-key="accepted:${accepted.id}"]`);
      await badge.waitFor({ timeout: 60_000 });
      expect(await badge.textContent()).toBe('承諾済み');
      const again = page.locator(`#panel li[data-suggestion-id="${accepted.id}"]`);
      const buttons = await again.locator('.actions button').allTextContents();
      expect(buttons).toEqual(['紹介済み', '見送り']);
      // 承諾 is not offered again: that would record a second introduction of the pair
      expect(await again.locator(`button[data-key="rec:${accepted.id}:accepted"]`).count()).toBe(0);
      expect((await stored(accepted)).length).toBe(1);
    });

    it('moves it on in 紹介の記録 from 承諾 to 紹介済み, with the date and who recorded it', async () => {
      await openLog();
      const li = await entry(accepted);
      await li.waitFor();
      expect(await li.getAttribute('data-status')).toBe('accepted');
      expect(await li.locator('.badge').textContent()).toBe('承諾');
      expect(await li.locator('.item-title').textContent()).toContain(accepted.fromName);
      expect(await li.locator('.item-title').textContent()).toContain(accepted.toName);
      const moves = await li.locator('button[data-move]').allTextContents();
      expect(moves).toEqual(['紹介済みにする', '見送る', '承諾を取り消す']);
      await li.locator('button[data-move="made"]').click();
      await expect.poll(async () => (await stored(accepted))[0]?.status, LONG).toBe('made');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      const made = await entry(accepted);
      await expect.poll(() => made.getAttribute('data-status'), LONG).toBe('made');
      expect(await made.locator('.badge').textContent()).toBe('紹介済み');
      const meta = (await made.locator('p.muted').textContent()) ?? '';
      const today = new Date();
      const day = `${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`;
      expect(meta).toContain(`${day} 記録`);
      expect(meta).toContain('記録者: E2E 塩尻');
      // made is a meeting that happened: it can only be corrected back to 承諾
      expect(await made.locator('button[data-move]').allTextContents()).toEqual([
        '紹介済みを取り消す（承諾に戻す）',
      ]);
      // the tie the introduction made is on the map
      const ties = await cypher(
        `MATCH (:Person {id: $a})-[k:KNOWS {source: 'introduction'}]-(:Person {id: $b})
         RETURN count(k) AS n`,
        { a: accepted.fromId, b: accepted.toId },
      );
      expect(Number(ties[0]!.get('n'))).toBe(1);
    });

    it('declines another suggestion, then undoes the decline in 紹介の記録', async () => {
      await page.click('#tab-suggestions');
      await suggestions();
      const item = page.locator(`#panel li[data-suggestion-id="${declined.id}"]`);
      await item.locator(`button[data-key="rec:${declined.id}:declined"]`).click();
      await expect.poll(async () => (await stored(declined))[0]?.status, LONG).toBe('declined');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      await openLog();
      const li = await entry(declined);
      await expect.poll(() => li.getAttribute('data-status'), LONG).toBe('declined');
      expect(await li.locator('button[data-move]').allTextContents()).toEqual([
        '見送りを取り消す',
        '見送りを取り消して承諾に',
      ]);
      await li.locator('button[data-move="suggested"]').click();
      await expect.poll(async () => (await stored(declined))[0]?.status, LONG).toBe('suggested');
      await expect.poll(() => li.getAttribute('data-status'), LONG).toBe('suggested');
      expect(await li.locator('.badge').textContent()).toBe('提案中');
      expect((await stored(declined)).length).toBe(1);
    });

    it('adds a note that is in the list after a reload', async () => {
      const li = await entry(accepted);
      await li.locator('button[data-key="intro-note-edit"]').click();
      await li.locator('textarea[data-key="intro-note-text"]').fill(NOTE);
      await li.locator('button[data-key="intro-note-save"]').click();
      await expect.poll(async () => (await stored(accepted))[0]?.note, LONG).toBe(NOTE);
      await li.locator('[data-key="intro-note"]').waitFor({ timeout: 60_000 });
      expect(await li.locator('[data-key="intro-note"]').textContent()).toBe(NOTE);
      await page.reload();
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      await page.waitForSelector('#panel ol.intro-log', { timeout: 60_000 });
      const after = await entry(accepted);
      await after.locator('[data-key="intro-note"]').waitFor({ timeout: 60_000 });
      expect(await after.locator('[data-key="intro-note"]').textContent()).toBe(NOTE);
      expect(await after.getAttribute('data-status')).toBe('made');
    });

    it('exports the log as a CSV with a BOM, Japanese headers, the status and the note', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#panel button[data-key="csv"]'),
      ]);
      expect(download.suggestedFilename()).toMatch(/^紹介の記録_塩尻市_\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = fs.readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('記録日,紹介元,仲介者,紹介先,状態,決定日,記録者,メモ');
      const made = lines.find((l) => l.includes(NOTE));
      expect(made).toBeDefined();
      expect(made).toContain(accepted.fromName);
      expect(made).toContain(',紹介済み,');
      expect(made).toContain(',E2E 塩尻,');
      const undone = lines.find(
        (l) => l.includes(declined.fromName) && l.includes(declined.toName),
      );
      expect(undone).toContain(',提案中,');
    });

    it('saves the data-entry screenshot: the 詳細 panel adding a person with フリガナ', async () => {
      await page.click('#tab-detail');
      await page.click('#panel button[data-key="add-Person"]');
      await page.fill('#new-name', '上田 浩二');
      await page.fill('#new-nameKana', 'うえだ こうじ');
      await page.selectOption('#new-origin', 'outside');
      await page.check('#new-isTalent');
      await page.selectOption('#new-talentKind', 'side_job');
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'data-entry.png') });
      // nothing is saved
      await page.click('form.create button[data-key="cancel"]');
      expect(problems).toEqual([]);
    });
  },
);
