/**
 * The overview of regions (issue 16) end to end in Debian's Chromium against the real server and
 * the pilot seed, with the threshold of a national store lowered to 0 (ALL_REGIONS_WHOLE_MAX) so
 * that the pilot counts as one: 「すべて」 shows the overview — the eight pilot regions, sized by
 * their persons, with the numbers of a region on pointing at it — instead of the map, without
 * an error message; a click on a region opens its map (the region in the store and the URL);
 * 「すべて」 again shows the overview. Saves docs/screenshots/overview.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config/env';
import { PILOT_TABLE } from '../../seeds/pilot';
import { testDb } from '../../test/db';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { ensurePilotSeed, startWebServer, type RunningServer } from './server';

interface OverviewHandle {
  renderedCenter(id: string): { x: number; y: number } | null;
}

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))(
  'overview of regions (Chromium, real server)',
  () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      const db = await testDb();
      await ensurePilotSeed(db);
      // The pilot as a national store: the threshold is read when the API is built.
      process.env.ALL_REGIONS_WHOLE_MAX = '0';
      try {
        server = await startWebServer(db);
      } finally {
        delete process.env.ALL_REGIONS_WHOLE_MAX;
      }
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'ja-JP',
      });
      await context.addCookies(await server.adminCookies());
      page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        // The refused map of all regions is expected (the overview takes its place).
        if (/status of 413/.test(m.text())) return;
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const region = () =>
      page.evaluate(
        () =>
          (
            window as unknown as { __app: { store: { get(): { region: string | null } } } }
          ).__app.store.get().region,
      );
    const drawnOverview = () =>
      page.waitForSelector('#overview-cy[data-drawn]', { timeout: 60_000 });

    it('「すべて」 shows the eight pilot regions as the overview, not the map or an error', async () => {
      await page.goto(`${server.url}/`);
      await drawnOverview();
      expect(await region()).toBeNull();
      const overview = page.locator('.overview');
      expect(await overview.getAttribute('data-regions')).toBe('8');
      const buttons = page.locator('.overview-list button');
      expect(await buttons.count()).toBe(8);
      const names = await buttons.allTextContents();
      for (const name of Object.keys(PILOT_TABLE))
        expect(names.some((n) => n.includes(name))).toBe(true);
      // Japanese texts, and the refused map says nothing over it.
      expect(await page.locator('.overview-info h2').textContent()).toBe('地域の全体図');
      expect(await page.locator('.map-message').isHidden()).toBe(true);
      // The map's own fit and PNG buttons would act on the hidden map: not shown.
      expect(await page.locator('#export-png').count()).toBe(0);
      expect(await page.locator('.map-buttons button', { hasText: '全体を表示' }).count()).toBe(0);
      // The largest region first in the list, each with its numbers.
      expect(await buttons.first().getAttribute('title')).toMatch(/人物 \d+人/);
      fs.mkdirSync(path.join(PROJECT_ROOT, 'docs', 'screenshots'), { recursive: true });
      await page.screenshot({
        path: path.join(PROJECT_ROOT, 'docs', 'screenshots', 'overview.png'),
      });
    });

    it("pointing at a region tells its numbers; a click opens the region's map", async () => {
      const box = (await page.locator('#overview-cy').boundingBox())!;
      const at = await page.evaluate(() =>
        (
          document.getElementById('overview-cy') as unknown as { overview: OverviewHandle }
        ).overview.renderedCenter('region:shiojiri'),
      );
      expect(at).not.toBeNull();
      await page.mouse.move(box.x + at!.x, box.y + at!.y);
      await page.waitForFunction(() =>
        /塩尻市: 人物 \d+人/.test(document.querySelector('.overview-hover')?.textContent ?? ''),
      );
      await page.mouse.click(box.x + at!.x, box.y + at!.y);
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      expect(await region()).toBe('region:shiojiri');
      expect(new URL(page.url()).searchParams.get('region')).toBe('region:shiojiri');
      expect(await page.locator('.overview').count()).toBe(0);
      expect(await page.locator('#region').inputValue()).toBe('region:shiojiri');
      expect(await page.locator('#export-png').count()).toBe(1);
      expect(await page.locator('.map-buttons button', { hasText: '全体を表示' }).count()).toBe(1);
    });

    it('「すべて」 again shows the overview; a region of the list opens too', async () => {
      await page.locator('#region').selectOption('');
      await drawnOverview();
      expect(await region()).toBeNull();
      await page.locator('.overview-list summary').click();
      await page.locator('.overview-list button[data-region="region:tsubame"]').click();
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      expect(await region()).toBe('region:tsubame');
      expect(problems).toEqual([]);
    });
  },
);
