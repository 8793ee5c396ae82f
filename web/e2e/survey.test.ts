/**
 * つながり調査 end to end (issue 14), in Chromium against the real server and the pilot seed:
 * the coordinator of 塩尻市 creates a wave with a roster of 8 (found by name and by フリガナ),
 * opens it and takes the personal links from the mail-merge CSV; three respondents answer on a
 * phone (390×844) — one stops half-way and resumes from the saved draft — without the map chunk
 * ever loading; the coordinator sees 3 of 8, revokes and reissues links (the old ones are
 * refused with the server's Japanese message), closes the wave (confirmed); the map then shows
 * the new ties, confirmed and unconfirmed, and the isolated newcomer who named two locals and
 * was named back is no longer a gap; 「未確認のつながりを含める」 off leaves the unconfirmed tie
 * out of the map and of the panels' questions, and the URL keeps the choice. Saves
 * docs/screenshots/survey-phone-*.png, survey-tracking.png and survey-map-unconfirmed.png. The
 * wave, its ties and the persons' fields are restored afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config/env';
import { cypher as cypherText } from '../../server/db/cypher';
import type { Database } from '../../server/db/driver';
import { removePersonsNamed, testDb } from '../../test/db';
import { adminApi } from './adminApi';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { ensurePilotSeed, startWebServer, type RunningServer } from './server';
import { startTestSmtp, type TestSmtp } from '../../test/smtp';

const SHOTS = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const REGION = 'region:shiojiri';
const WAVE_NAME = '令和7年度 第1回';

interface Person {
  id: string;
  name: string;
  nameKana: string | null;
}
interface Handle {
  data: {
    edges: Array<{ source: string; target: string; type: string; unconfirmed?: boolean }>;
    gaps: { status: string; value?: Array<{ kind: string; nodeIds: string[] }> };
  };
}

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))(
  'つながり調査 from the web app (Chromium)',
  { timeout: 600_000 },
  () => {
    let db: Database;
    let server: RunningServer;
    let browser: Browser;
    let coordinator: Page;
    let phone: BrowserContext;
    const problems: string[] = [];
    /** Every request of the phone pages (none may load the map chunk). */
    const phoneRequests: string[] = [];
    let waveId = '';
    /** The isolated newcomer, the two locals they name, one more local, and four others. */
    let newcomer: Person;
    let local1: Person;
    let local2: Person;
    let other: Person;
    let roster: Person[] = [];
    const links = new Map<string, string>();
    let saved: Array<{ id: string; props: Record<string, unknown>; key: boolean }> = [];

    const cypher = async (q: string, params: Record<string, unknown> = {}) =>
      (await db.driver.executeQuery(q, params, { database: db.database })).records;
    const api = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...server.adminHeaders },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const watch = (p: Page, label: string) => {
      p.on('pageerror', (e) => problems.push(`${label} page error: ${e.message}`));
      p.on('console', (m) => {
        // A refused link answers 401/410: the browser logs the status, the page explains it.
        if (m.type() === 'error' && !/status of 4(01|10)/.test(m.text()))
          problems.push(`${label} console: ${m.text()}`);
      });
    };

    beforeAll(async () => {
      db = await testDb();
      await ensurePilotSeed(db);
      server = await startWebServer(db);
      // The roster: an isolated newcomer of 塩尻市, two locals and one more they do not know,
      // and four others of the dept's candidates.
      const gaps = await api(
        `{ networkGaps(regionId: "${REGION}", kinds: [ISOLATED_NEWCOMER]) { nodeIds } }`,
      );
      const cands: Array<Person & { personId: string }> = (
        await api('{ waveRosterCandidates(deptId: "dept:shiojiri") { personId name nameKana } }')
      ).waveRosterCandidates;
      const byId = new Map(cands.map((c) => [c.personId, { ...c, id: c.personId }]));
      const isolated = gaps.networkGaps
        .map((g: { nodeIds: string[] }) => g.nodeIds[0])
        .find((id: string) => byId.has(id));
      newcomer = byId.get(isolated)!;
      const locals = await cypher(
        `MATCH (p:Person {origin: 'local'})-[:LOCATED_IN]->(:Region {id: $r})
         WHERE NOT p:Talent AND p.nameKana IS NOT NULL AND NOT (p)-[:KNOWS]-(:Person {id: $n})
         RETURN p.id AS id ORDER BY p.id`,
        { r: REGION, n: newcomer.id },
      );
      const localIds = locals.map((r) => r.get('id') as string).filter((id) => byId.has(id));
      const [l1, l2, l3] = localIds.slice(0, 3).map((id) => byId.get(id)!);
      [local1, local2, other] = [l1!, l2!, l3!];
      const taken = new Set([newcomer.id, local1.id, local2.id, other.id]);
      const rest = cands
        .filter((c) => !taken.has(c.personId))
        .slice(0, 4)
        .map((c) => byId.get(c.personId)!);
      roster = [newcomer, local1, local2, other, ...rest];
      saved = (
        await cypher(
          `MATCH (p:Person) WHERE p.id IN $ids
           RETURN p.id AS id, properties(p) AS props, p:KeyPerson AS key`,
          { ids: roster.map((p) => p.id) },
        )
      ).map((r) => ({ id: r.get('id'), props: r.get('props'), key: r.get('key') }));

      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const desk = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'ja-JP',
        acceptDownloads: true,
      });
      coordinator = await desk.newPage();
      watch(coordinator, 'coordinator');
      phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'ja-JP',
      });
      phone.on('request', (r) => phoneRequests.push(r.url()));
      await coordinator.goto(`${server.url}/waves`);
      await coordinator.waitForSelector('form.auth');
      await coordinator.fill('#auth-username', server.accounts.coordinator.username);
      await coordinator.fill('#auth-password', server.accounts.coordinator.password);
      await coordinator.click('form.auth button[type=submit]');
      await coordinator.waitForSelector('[data-key="wave-new"]', { timeout: 60_000 });
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      if (db) {
        if (waveId) {
          await cypher(cypherText('survey-ties-delete'), { waveId });
          await cypher(cypherText('survey-wave-delete'), { id: waveId });
        }
        for (const p of saved) {
          await cypher('MATCH (p:Person {id: $id}) SET p = $props', p);
          if (!p.key) await cypher('MATCH (p:Person {id: $id}) REMOVE p:KeyPerson', p);
        }
        await cypher(cypherText('bump-graph-version'), { now: new Date().toISOString() });
      }
      await server?.close();
    });

    /** Opens a personal link on the phone and waits for the form (or its refusal). */
    const openLink = async (personId: string, token = links.get(personId)!) => {
      const p = await phone.newPage();
      watch(p, `phone ${personId}`);
      await p.goto(`${server.url}/survey#t=${token}`);
      await p.waitForSelector('.survey-step, [data-key="survey-refused"]', { timeout: 60_000 });
      return p;
    };
    const findOnRoster = async (p: Page, input: string, who: Person, byKana = false) => {
      const hiragana = (who.nameKana ?? '').replace(/[\u30a1-\u30f6]/g, (c) =>
        String.fromCharCode(c.charCodeAt(0) - 0x60),
      );
      await p.fill(`#${input}`, byKana && hiragana ? hiragana : who.name);
    };
    const know = async (p: Page, who: Person, strength: 1 | 2 | 3, byKana = false) => {
      await findOnRoster(p, 'knows-search', who, byKana);
      await p.click(`[data-roster="knows-search"] button[data-pick="${who.id}"]`);
      await p.click(`[data-roster="knows-search"] button[data-strength="${strength}"]`);
      await p.waitForSelector(`[data-key="knows-chosen"] li[data-person="${who.id}"]`);
    };
    const next = (p: Page) => p.click('[data-key="survey-next"]');
    const submitForm = async (p: Page) => {
      await p.click('[data-key="survey-submit"]');
      await p.waitForSelector('[data-key="survey-thanks"]', { timeout: 30_000 });
    };
    const waveState = () =>
      coordinator.locator('.wave-detail').getAttribute('data-state', { timeout: 30_000 });

    it('the coordinator creates a wave with a roster of 8, found by name and フリガナ, and opens it', async () => {
      await coordinator.click('[data-key="wave-new"]');
      await coordinator.waitForSelector('[data-key="roster-picker"] [data-add-group]', {
        timeout: 60_000,
      });
      expect(await coordinator.inputValue('#wave-consent')).toContain('個人情報の保護に関する法律');
      await coordinator.fill('#wave-name', WAVE_NAME);
      for (const [i, p] of roster.entries()) {
        const kana = i % 2 === 1 && p.nameKana;
        await coordinator.fill(
          '#roster-search',
          kana
            ? p.nameKana!.replace(/[\u30a1-\u30f6]/g, (c) =>
                String.fromCharCode(c.charCodeAt(0) - 0x60),
              )
            : p.name,
        );
        await coordinator.check(`input[data-candidate="${p.id}"]`);
      }
      expect(await coordinator.locator('[data-key="roster-chosen"] li').count()).toBe(8);
      await coordinator.click('[data-key="wave-save"]');
      await coordinator.waitForSelector('.wave-detail[data-state="draft"]', { timeout: 30_000 });
      waveId = (await coordinator.locator('.wave-detail').getAttribute('data-wave'))!;
      expect(waveId).toMatch(/^wave:/);
      await coordinator.click('[data-key="wave-open"]');
      expect(await coordinator.locator('#wave-confirm-text').innerText()).toContain('8 人');
      await coordinator.click('[data-key="wave-confirm"]');
      await coordinator.waitForSelector('.wave-detail[data-state="open"]', { timeout: 30_000 });
      expect(await coordinator.locator('[data-key="wave-counts"]').innerText()).toContain(
        '提出済み 0 / 8 人',
      );
    });

    it('the mail-merge CSV holds each name with its personal link; the reminder names the link', async () => {
      const [download] = await Promise.all([
        coordinator.waitForEvent('download'),
        coordinator.click('[data-key="csv-all"]'),
      ]);
      const file = await download.path();
      const csv = fs.readFileSync(file, 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const rows = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(rows[0]).toBe('氏名,フリガナ,状況,リンク,リンクの有効期限,提出日時');
      expect(rows).toHaveLength(9);
      for (const p of roster) {
        const row = rows.find((r) => r.includes(`${server.url}/survey#t=`) && r.startsWith(p.name));
        expect(row, p.name).toBeDefined();
      }
      // Which link is whose: the server's own answer (the CSV's rows are in its order).
      const wave = await api(
        `query($id: ID!) { wave(id: $id) { respondents { personId name linkPath } } }`,
        { id: waveId },
      );
      for (const r of wave.wave.respondents) {
        expect(csv).toContain(`${server.url}${r.linkPath}`);
        links.set(r.personId, r.linkPath.split('#t=')[1]);
      }
      const text = await coordinator.inputValue('[data-key="reminder-text"]');
      expect(text).toMatch(/様\n/);
      expect(text).toContain(`「${WAVE_NAME}」`);
      expect(text).toMatch(new RegExp(`${server.url}/survey#t=`));
    });

    it('the newcomer answers on a phone: two locals, an introduction wish, themselves, consent', async () => {
      const p = await openLink(newcomer.id);
      expect(await p.locator('.survey-intro h1').innerText()).toBe(WAVE_NAME);
      await know(p, local1, 2, true);
      await findOnRoster(p, 'knows-search', local2);
      await p.click(`[data-roster="knows-search"] button[data-pick="${local2.id}"]`);
      await p.screenshot({ path: path.join(SHOTS, 'survey-phone-1-knows.png') });
      await p.click(`[data-roster="knows-search"] button[data-strength="3"]`);
      await next(p);
      await findOnRoster(p, 'wishes-search', other);
      await p.click(`button[data-wish="${other.id}"]`);
      await p.fill('#wish-text', '地元の金融機関で事業承継に詳しい方');
      await p.screenshot({ path: path.join(SHOTS, 'survey-phone-2-wishes.png') });
      await next(p);
      await p.check('input[name="keyPerson"][value="true"]');
      for (const [k, v] of [
        ['mind', 5],
        ['skill', 3],
        ['network', 2],
      ] as const)
        await p.click(`[data-score="${k}"] label:has(input[value="${v}"])`);
      await p.screenshot({ path: path.join(SHOTS, 'survey-phone-3-self.png') });
      await next(p);
      await p.check('#share-contact');
      expect(await p.locator('[data-key="survey-summary"]').innerText()).toContain('2 人');
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.screenshot({ path: path.join(SHOTS, 'survey-phone-4-consent.png'), fullPage: true });
      // Phone-first: nothing wider than the screen.
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await submitForm(p);
      await p.screenshot({ path: path.join(SHOTS, 'survey-phone-5-thanks.png') });
      await p.close();
      const [stored] = await cypher(
        'MATCH (p:Person {id: $id}) RETURN p:KeyPerson AS key, p.mind AS mind, p.consentShareContact AS share',
        { id: newcomer.id },
      );
      expect(stored!.get('key')).toBe(true);
      expect(Number(stored!.get('mind'))).toBe(5);
      expect(stored!.get('share')).toBe(true);
    });

    it('a local stops half-way and resumes from the saved draft', async () => {
      let p = await openLink(local2.id);
      await know(p, newcomer, 3);
      await p.waitForSelector('.save-state[data-save="saved"]', { timeout: 15_000 });
      await p.close();
      await coordinator.click('[data-key="wave-refresh"]');
      await coordinator.waitForSelector(`tr[data-person="${local2.id}"][data-status="started"]`, {
        timeout: 30_000,
      });
      p = await openLink(local2.id);
      await p.waitForSelector('[data-key="survey-resumed"]');
      expect(
        await p
          .locator(`[data-key="knows-chosen"] li[data-person="${newcomer.id}"] select`)
          .inputValue(),
      ).toBe('3');
      await p.screenshot({ path: path.join(SHOTS, 'survey-phone-0-resumed.png') });
      await next(p);
      await next(p);
      await next(p);
      await submitForm(p);
      await p.close();
    });

    it('the other local names the newcomer back, and one more person who does not answer', async () => {
      const p = await openLink(local1.id);
      await p.click('[data-key="lang"]');
      await p.waitForSelector('html[lang="en"]');
      expect(await p.locator('.survey-step h2').innerText()).toContain('Whom you know');
      await p.click('[data-key="lang"]');
      await know(p, newcomer, 2);
      await know(p, other, 1);
      await p.click('[data-step="consent"]');
      await submitForm(p);
      await p.close();
    });

    it('the phone pages never loaded the map', () => {
      expect(phoneRequests.some((u) => u.includes('/survey-api/form'))).toBe(true);
      expect(phoneRequests.filter((u) => /MapPage|cytoscape|map-|layoutWorker/i.test(u))).toEqual(
        [],
      );
    });

    it('the coordinator sees 3 of 8; a revoked and a reissued link are refused in Japanese', async () => {
      await coordinator.click('[data-key="wave-refresh"]');
      await expect
        .poll(() => coordinator.locator('[data-key="wave-counts"]').innerText(), {
          timeout: 30_000,
        })
        .toContain('提出済み 3 / 8 人（回答率 38%）');
      for (const p of [newcomer, local1, local2])
        await coordinator.waitForSelector(`tr[data-person="${p.id}"][data-status="submitted"]`);
      await coordinator.screenshot({
        path: path.join(SHOTS, 'survey-tracking.png'),
        fullPage: true,
      });
      // Revoke one link, reissue another: both old links are refused.
      const [, , , , fifth, sixth] = roster;
      await coordinator.click(`button[data-revoke="${fifth!.id}"]`);
      await coordinator.waitForSelector(`tr[data-person="${fifth!.id}"] button[data-reissue]`);
      await expect
        .poll(() => coordinator.locator('[data-key="wave-message"]').innerText())
        .toContain('取り消しました');
      await coordinator.click(`button[data-reissue="${sixth!.id}"]`);
      await expect
        .poll(() => coordinator.locator('[data-key="wave-message"]').innerText())
        .toContain('再発行しました');
      for (const who of [fifth!, sixth!]) {
        const p = await openLink(who.id);
        expect(await p.locator('[data-key="survey-refused"]').innerText()).toContain(
          'このリンクは無効になりました',
        );
        await p.close();
      }
      // A link changed by hand: tampered.
      const token = links.get(other.id)!;
      const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
      const p = await openLink(other.id, tampered);
      expect(await p.locator('[data-key="survey-refused"]').innerText()).toContain(
        'このリンクは正しくありません',
      );
      await p.close();
    });

    it('closing asks first, then freezes the wave: its links are refused as closed', async () => {
      await coordinator.click('[data-key="wave-close"]');
      expect(await coordinator.locator('#wave-confirm-text').innerText()).toContain(
        '回答が確定します',
      );
      await coordinator.click('[data-key="wave-confirm"]');
      await coordinator.waitForSelector('.wave-detail[data-state="closed"]', { timeout: 30_000 });
      expect(await waveState()).toBe('closed');
      const p = await openLink(newcomer.id);
      expect(await p.locator('[data-key="survey-refused"]').innerText()).toContain(
        'この調査は締め切られました',
      );
      await p.screenshot({ path: path.join(SHOTS, 'survey-phone-6-closed.png') });
      await p.close();
      // The list shows the wave closed with its response rate.
      await coordinator.click('[data-key="waves-back"]');
      const row = coordinator.locator(`tr[data-wave="${waveId}"]`);
      await expect.poll(() => row.getAttribute('data-state')).toBe('closed');
      expect(await row.innerText()).toContain('38%');
    });

    it('the map shows the new ties, confirmed and unconfirmed; the newcomer is no longer a gap', async () => {
      await coordinator.goto(`${server.url}/?region=${REGION}&panel=gaps`);
      await coordinator.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      const edges = await coordinator.evaluate(
        () => (window as unknown as { __app: Handle }).__app.data.edges,
      );
      const tie = (a: string, b: string) =>
        edges.find(
          (e) =>
            e.type === 'KNOWS' &&
            ((e.source === a && e.target === b) || (e.source === b && e.target === a)),
        );
      expect(tie(newcomer.id, local1.id)).toBeDefined();
      expect(tie(newcomer.id, local1.id)!.unconfirmed ?? false).toBe(false);
      expect(tie(newcomer.id, local2.id)!.unconfirmed ?? false).toBe(false);
      expect(tie(local1.id, other.id)).toMatchObject({ unconfirmed: true });
      const [row] = await cypher(
        `MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) RETURN k.strength AS s, k.confirmed AS c`,
        { a: newcomer.id, b: local2.id },
      );
      expect(row!.get('c')).toBe(true);
      expect(Number(row!.get('s'))).toBe(3);
      await coordinator.waitForFunction(
        () => (window as unknown as { __app: Handle }).__app.data.gaps.status === 'ok',
        undefined,
        { timeout: 60_000 },
      );
      const gaps = await coordinator.evaluate(
        () => (window as unknown as { __app: Handle }).__app.data.gaps.value ?? [],
      );
      expect(
        gaps.some((g) => g.kind === 'ISOLATED_NEWCOMER' && g.nodeIds.includes(newcomer.id)),
      ).toBe(false);
    });

    it('「未確認のつながりを含める」 off: the unconfirmed tie leaves the map and the panels, and the URL keeps it', async () => {
      const isTie = (e: { source: string; target: string; type: string }, a: string, b: string) =>
        e.type === 'KNOWS' &&
        ((e.source === a && e.target === b) || (e.source === b && e.target === a));
      const hasUnconfirmed = () =>
        coordinator.evaluate(
          ([a, b]) =>
            (window as unknown as { __app: Handle }).__app.data.edges.some(
              (e) =>
                e.type === 'KNOWS' &&
                ((e.source === a && e.target === b) || (e.source === b && e.target === a)),
            ),
          [local1.id, other.id],
        );
      // What the page asks the API from now on (the panels must follow the option).
      const asked: Array<{ op: string; includeUnconfirmed: unknown }> = [];
      const onRequest = (r: { url(): string; postData(): string | null }) => {
        if (!r.url().endsWith('/graphql')) return;
        try {
          const body = JSON.parse(r.postData() ?? '{}');
          const op = /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? '';
          asked.push({ op, includeUnconfirmed: body.variables?.includeUnconfirmed });
        } catch {
          /* not JSON: not ours */
        }
      };
      coordinator.on('request', onRequest);
      const toggle = coordinator.locator('#include-unconfirmed');
      expect(await toggle.isChecked()).toBe(true);
      expect(await coordinator.locator('.unconfirmed-toggle').getAttribute('title')).toContain(
        '一方だけ',
      );
      expect(await hasUnconfirmed()).toBe(true);
      await coordinator.screenshot({ path: path.join(SHOTS, 'survey-map-unconfirmed.png') });

      await toggle.uncheck();
      await expect.poll(() => new URL(coordinator.url()).searchParams.get('unconfirmed')).toBe('0');
      await coordinator.waitForFunction(
        ([a, b]) => {
          const app = (window as unknown as { __app: Handle }).__app;
          return (
            document.body.dataset.mapReady === 'true' &&
            !app.data.edges.some(
              (e) =>
                e.type === 'KNOWS' &&
                ((e.source === a && e.target === b) || (e.source === b && e.target === a)),
            )
          );
        },
        [local1.id, other.id],
        { timeout: 120_000 },
      );
      // The confirmed ties stay.
      const edges = await coordinator.evaluate(
        () => (window as unknown as { __app: Handle }).__app.data.edges,
      );
      expect(edges.some((e) => isTie(e, newcomer.id, local1.id))).toBe(true);
      expect(edges.some((e) => e.unconfirmed)).toBe(false);
      await expect
        .poll(() => asked.filter((a) => a.op === 'Gaps' || a.op === 'KeyPersons').length, {
          timeout: 60_000,
        })
        .toBeGreaterThan(0);
      for (const a of asked.filter((x) =>
        ['NetworkMap', 'Gaps', 'KeyPersons', 'Suggestions', 'WhatIf'].includes(x.op),
      ))
        expect(a, a.op).toMatchObject({ includeUnconfirmed: false });
      coordinator.off('request', onRequest);

      // A reload (or a shared link) keeps the choice.
      await coordinator.reload();
      await coordinator.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      expect(await coordinator.locator('#include-unconfirmed').isChecked()).toBe(false);
      expect(await hasUnconfirmed()).toBe(false);

      // On again: the dashed tie is back, and the URL says nothing of the default.
      await coordinator.locator('#include-unconfirmed').check();
      await expect
        .poll(() => new URL(coordinator.url()).searchParams.has('unconfirmed'))
        .toBe(false);
      await expect.poll(hasUnconfirmed, { timeout: 120_000 }).toBe(true);
    });

    it('had no page errors', () => {
      expect(problems).toEqual([]);
    });
  },
);

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))(
  'つながり調査: 「メールで送る」 with SMTP configured (Chromium, a real SMTP server on loopback)',
  { timeout: 300_000 },
  () => {
    const NAME = 'E2E メール';
    let db: Database;
    let smtp: TestSmtp;
    let server: RunningServer;
    let browser: Browser;
    let waveId = '';
    const ids: string[] = [];
    const api = (query: string, variables: Record<string, unknown> = {}) =>
      adminApi(server, query, variables);
    const removePersons = () => removePersonsNamed(db, NAME);

    beforeAll(async () => {
      db = await testDb();
      await ensurePilotSeed(db);
      await removePersons();
      smtp = await startTestSmtp();
      server = await startWebServer(db, 0, { url: smtp.url, from: 'e2e@example.jp' });
      // Two not-started respondents with an address, one without.
      for (const [key, email] of [
        ['A', 'a.e2e@example.jp'],
        ['B', 'b.e2e@example.jp'],
        ['C', null],
      ] as const) {
        const made = await api(
          `mutation($f: [FieldChange!]!) { createNode(kind: Person, fields: $f,
             ties: [{ type: LOCATED_IN, otherId: "${REGION}" }]) { id } }`,
          {
            f: [
              { name: 'name', value: `${NAME} ${key}` },
              { name: 'origin', value: 'local' },
              ...(email ? [{ name: 'email', value: email }] : []),
            ],
          },
        );
        ids.push(made.createNode.id);
      }
      const wave = await api(
        `mutation($ids: [ID!]) { createWave(deptId: "dept:shiojiri", name: "E2E メール送信", endDate: "2099-03-31", personIds: $ids) { id } }`,
        { ids },
      );
      waveId = wave.createWave.id;
      await api(`mutation { openWave(id: "${waveId}") { state } }`);
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    });

    afterAll(async () => {
      await browser?.close();
      if (waveId)
        await db.driver.executeQuery(
          cypherText('survey-wave-delete'),
          { id: waveId },
          { database: db.database },
        );
      if (db) await removePersons();
      await server?.close();
      await smtp?.close();
    });

    it('confirms how many, sends each their own link, and sums up', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies(await server.adminCookies());
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/waves?id=${encodeURIComponent(waveId)}`);
      await page.waitForSelector('[data-key=mail-send]');
      expect(await page.textContent('[data-key=mail-count]')).toContain('2人に送れます');
      await page.click('[data-key=mail-send-button]');
      expect(await page.textContent('#mail-confirm-text')).toContain('2人に');
      await page.click('[data-key=mail-confirm]');
      await page.waitForSelector('[data-key=mail-result]');
      expect(await page.textContent('[data-key=mail-result]')).toContain('送信 2人');
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
        'a.e2e@example.jp',
        'b.e2e@example.jp',
      ]);
      const wave = await api(`{ wave(id: "${waveId}") { respondents { personId linkPath } } }`);
      for (const mail of smtp.received) {
        const id = ids[mail.to[0] === 'a.e2e@example.jp' ? 0 : 1]!;
        const own = wave.wave.respondents.find((r: any) => r.personId === id).linkPath; // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(mail.text).toContain(`${server.url}${own}`);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);
