/**
 * Keeping the network current from the web app (issue 13), in Chromium as the coordinator of
 * 塩尻市 against the real server and the pilot seed: add a talent with フリガナ and connect
 * them to two local persons (the isolated-newcomer gap closes), record a 協議会 with its
 * attendees, record a follow-up (the overdue gap closes), merge a duplicate, delete a person
 * after seeing the what-if, erase one. What the tests create is removed afterwards, and the
 * engagement they made overdue is restored.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db';
import { cypher as cypherText } from '../../server/db/cypher';
import type { Database } from '../../server/db/driver';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { ensurePilotSeed, startWebServer, type RunningServer } from './server';

interface Handle {
  store: { get(): { selected: string | null }; update(p: Record<string, unknown>): void };
  timings: { incremental?: number };
  data: {
    nodes: Array<{ id: string; kind: string; name: string }>;
    gaps: { status: string; value?: Array<{ kind: string; nodeIds: string[] }> };
  };
}

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))(
  'data entry in the web app (Chromium)',
  { timeout: 300_000 },
  () => {
    let db: Database;
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    const problems: string[] = [];
    /** Nodes the tests made (removed afterwards). */
    const made: string[] = [];
    /** The engagement made overdue, and its lastFollowUpAt before. */
    let engagement: { talent: string; sme: string; last: string | null } | null = null;

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
      });
      page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      await page.goto(`${server.url}/?region=region:shiojiri&panel=detail`);
      await page.waitForSelector('form.auth');
      await page.fill('#auth-username', server.accounts.coordinator.username);
      await page.fill('#auth-password', server.accounts.coordinator.password);
      await page.click('form.auth button[type=submit]');
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      if (db) {
        const ids = [...made];
        await cypher(
          `UNWIND $ids AS i MATCH (n:Entity {id: i})
         OPTIONAL MATCH (n)-[:ATTENDED]->(e:Event {kind: 'follow_up'})
         DETACH DELETE n, e`,
          { ids },
        );
        if (engagement) {
          await cypher(
            `MATCH (:Person {id: $t})-[e:ENGAGED_WITH]->(:SME {id: $s}) SET e.lastFollowUpAt = $last
           WITH e MATCH (f:Event {kind: 'follow_up'})<-[:ATTENDED]-(:Person {id: $t})
           WHERE f.createdAt >= $since DETACH DELETE f`,
            { t: engagement.talent, s: engagement.sme, last: engagement.last, since: started },
          );
        }
        await cypher(cypherText('bump-graph-version'), { now: new Date().toISOString() });
      }
      await server?.close();
    });
    const started = new Date().toISOString();

    const selected = () =>
      page.evaluate(() => (window as unknown as { __app: Handle }).__app.store.get().selected);
    const select = async (id: string) => {
      await page.evaluate((i) => {
        (window as unknown as { __app: Handle }).__app.store.update({
          selected: i,
          panel: 'detail',
        });
      }, id);
      await page.waitForSelector('#panel h2.detail-name');
    };
    const gaps = async () => {
      await page.waitForFunction(
        () => (window as unknown as { __app: Handle }).__app.data.gaps.status === 'ok',
        undefined,
        { timeout: 60_000 },
      );
      return page.evaluate(
        () => (window as unknown as { __app: Handle }).__app.data.gaps.value ?? [],
      );
    };
    /** Waits until the map shows a write (its graph version moved on). */
    const afterWrite = () =>
      page
        .waitForTimeout(500)
        .then(() => page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 }));
    const pick = async (picker: string, text: string, id?: string) => {
      await page.fill(`#${picker}`, text);
      const option = id
        ? page.locator(`[data-picker="${picker}"] button[data-pick="${id}"]`)
        : page.locator(`[data-picker="${picker}"] button[data-pick]`).first();
      await option.click();
    };
    const localPersons = async (n: number) =>
      (
        await cypher(
          `MATCH (p:Person {origin: 'local'})-[:LOCATED_IN]->(:Region {id: 'region:shiojiri'})
         WHERE NOT p:Talent RETURN p.id AS id, p.name AS name ORDER BY p.id LIMIT toInteger($n)`,
          { n },
        )
      ).map((r) => ({ id: r.get('id') as string, name: r.get('name') as string }));

    it('adds a talent with フリガナ and connects them to two local persons: the isolated-newcomer gap closes', async () => {
      await page.click('#panel button[data-key="add-Person"]');
      await page.fill('#new-name', '  上田　浩二  ');
      await page.fill('#new-nameKana', 'ウエダ コウジ');
      await page.selectOption('#new-origin', 'outside');
      await page.check('#new-isTalent');
      await page.selectOption('#new-talentKind', 'side_job');
      await page.fill('#new-hoursPerMonth', '２０');
      await page.click('form.create button[data-key="save"]');
      await page.waitForFunction(
        () => {
          const s = (window as unknown as { __app: Handle }).__app.store.get().selected;
          return s !== null && /^[0-9a-f-]{36}$/.test(s);
        },
        undefined,
        { timeout: 60_000 },
      );
      const id = (await selected())!;
      made.push(id);
      const stored = await cypher(
        'MATCH (p:Person {id: $id}) RETURN p.name AS n, p.nameKana AS k',
        {
          id,
        },
      );
      expect(stored[0]!.get('n')).toBe('上田　浩二');
      expect(stored[0]!.get('k')).toBe('ウエダ コウジ');
      await afterWrite();
      // A new person is a small change: drawn at once beside their ties, no fcose run.
      await expect
        .poll(
          () =>
            page.evaluate(() => (window as unknown as { __app: Handle }).__app.timings.incremental),
          { timeout: 30_000 },
        )
        .toBe(1);
      await page.waitForSelector('#panel h2.detail-name');
      const isolated = (g: Array<{ kind: string; nodeIds: string[] }>) =>
        g.some((x) => x.kind === 'ISOLATED_NEWCOMER' && x.nodeIds.includes(id));
      await expect.poll(async () => isolated(await gaps()), { timeout: 60_000 }).toBe(true);

      for (const local of await localPersons(2)) {
        await page.click('#panel button[data-key="connect"]');
        await page.selectOption('#connect-type', 'KNOWS');
        await pick('connect-to', local.name, local.id);
        await page.selectOption('#connect-strength', '2');
        await page.fill('#connect-context', '移住者交流会');
        await page.click('#panel button[data-key="connect-save"]');
        await expect
          .poll(() => page.locator('#panel form.connect').count(), { timeout: 30_000 })
          .toBe(0);
        await afterWrite();
      }
      const knows = await cypher(
        'MATCH (:Person {id: $id})-[k:KNOWS]-() RETURN k.since AS since, k.context AS c',
        { id },
      );
      expect(knows).toHaveLength(2);
      expect(knows[0]!.get('since')).toBe(new Date().toISOString().slice(0, 10));
      await expect.poll(async () => isolated(await gaps()), { timeout: 60_000 }).toBe(false);
    });

    it('records a 協議会 with its host and attendees', async () => {
      await select(made[0]!);
      const [a, b] = await localPersons(2);
      await page.click('#panel button[data-key="add-Event"]');
      await pick('add-host', '塩尻');
      await pick('add-attendees', a!.name, a!.id);
      await pick('add-attendees', b!.name, b!.id);
      await page.fill('#new-name', '塩尻市 地域の人事部 協議会 12月');
      await page.selectOption('#new-kind', 'council');
      await page.click('form.create button[data-key="save"]');
      await page.waitForFunction(
        (prev) => (window as unknown as { __app: Handle }).__app.store.get().selected !== prev,
        made[0],
        { timeout: 60_000 },
      );
      const id = (await selected())!;
      made.push(id);
      const ties = await cypher(
        'MATCH (e:Event {id: $id})<-[r]-(x) RETURN type(r) AS t, x.id AS x ORDER BY t, x',
        { id },
      );
      expect(ties.map((r) => r.get('t'))).toEqual(['ATTENDED', 'ATTENDED', 'HOSTED']);
      await afterWrite();
      await expect
        .poll(() => page.locator('#panel h2.detail-name').innerText())
        .toContain('協議会');
    });

    it('records a follow-up: the overdue gap closes', async () => {
      const [row] = await cypher(
        `MATCH (t:Person:Talent)-[e:ENGAGED_WITH]->(s:SME)-[:LOCATED_IN]->(:Region {id: 'region:shiojiri'})
       WHERE e.status IN ['active', 'contracted']
       RETURN t.id AS t, s.id AS s, e.lastFollowUpAt AS last ORDER BY t.id LIMIT 1`,
      );
      engagement = { talent: row!.get('t'), sme: row!.get('s'), last: row!.get('last') ?? null };
      // Made overdue for the test (restored afterwards).
      await cypher(
        `MATCH (:Person {id: $t})-[e:ENGAGED_WITH]->(:SME {id: $s}) SET e.lastFollowUpAt = '2025-01-10'
`,
        { t: engagement.talent, s: engagement.sme },
      );
      await cypher(cypherText('bump-graph-version'), { now: new Date().toISOString() });
      await page.reload();
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      const overdue = (g: Array<{ kind: string; nodeIds: string[] }>) =>
        g.some((x) => x.kind === 'FOLLOW_UP_OVERDUE' && x.nodeIds.includes(engagement!.talent));
      await expect.poll(async () => overdue(await gaps()), { timeout: 60_000 }).toBe(true);
      await select(engagement.talent);
      await page.click(`#panel button[data-key="followup"][data-sme="${engagement.sme}"]`);
      await page.fill('#followup-note', '順調。次回は1月');
      await page.click('#panel button[data-key="followup-save"]');
      await expect
        .poll(() => page.locator('#panel form.follow-up').count(), { timeout: 30_000 })
        .toBe(0);
      await afterWrite();
      await expect.poll(async () => overdue(await gaps()), { timeout: 60_000 }).toBe(false);
    });

    it('merges a duplicate typed another way into the person kept', async () => {
      const [ueda] = made;
      const dup = await api(
        `mutation { createNode(kind: Person, fields: [{ name: "name", value: "上田 浩二" }, { name: "nameKana", value: "うえだ こうじ" },
         { name: "origin", value: "outside" }, { name: "email", value: "k.ueda@example.com" }],
         ties: [{ type: LOCATED_IN, otherId: "region:shiojiri" }]) { id } }`,
      );
      made.push(dup.createNode.id);
      await page.reload();
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      await select(ueda!);
      await page.waitForSelector(
        `[data-testid="duplicates"] button[data-merge="${dup.createNode.id}"]`,
        { timeout: 60_000 },
      );
      expect(await page.locator('[data-testid="duplicates"]').innerText()).toContain(
        'フリガナが同じ',
      );
      await page.click(`[data-testid="duplicates"] button[data-merge="${dup.createNode.id}"]`);
      await page.click('[data-testid="duplicates"] button[data-key="merge-confirm"]');
      await expect
        .poll(
          async () =>
            (await cypher('MATCH (p:Person {id: $id}) RETURN p', { id: dup.createNode.id })).length,
          { timeout: 30_000 },
        )
        .toBe(0);
      const [kept] = await cypher('MATCH (p:Person {id: $id}) RETURN p.email AS e', { id: ueda });
      expect(kept!.get('e')).toBe('k.ueda@example.com');
    });

    it('deletes a person after seeing what it cuts off, and erases one on request', async () => {
      const mk = async (name: string) => {
        const r = await api(
          `mutation($n: String!) { createNode(kind: Person, fields: [{ name: "name", value: $n }, { name: "origin", value: "local" }],
           ties: [{ type: LOCATED_IN, otherId: "region:shiojiri" }]) { id } }`,
          { n: name },
        );
        made.push(r.createNode.id);
        return r.createNode.id as string;
      };
      const gone = await mk('削除 試験');
      const erased = await mk('消去 試験');
      await page.reload();
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      await select(gone);
      await page.click('#panel button[data-key="delete"]');
      await page.waitForSelector('[data-testid="whatif"] .metrics', { timeout: 60_000 });
      await page.waitForSelector('[data-testid="delete-confirm"]');
      await page.click('#panel button[data-key="delete-confirm"]');
      await expect
        .poll(
          async () => (await cypher('MATCH (p:Person {id: $id}) RETURN p', { id: gone })).length,
          { timeout: 30_000 },
        )
        .toBe(0);
      await afterWrite();

      await select(erased);
      await page.click('#panel button[data-key="delete"]');
      await page.click('#panel button[data-key="erase-confirm"]');
      await expect
        .poll(
          async () => (await cypher('MATCH (p:Person {id: $id}) RETURN p', { id: erased })).length,
          { timeout: 30_000 },
        )
        .toBe(0);
      const [entry] = await cypher(
        "MATCH (a:AuditEntry {action: 'node.erase', target: $id}) RETURN a.detail AS d, a.actor AS actor",
        { id: erased },
      );
      expect(entry?.get('actor')).toBe(server.accounts.coordinator.username);
      expect(String(entry?.get('d'))).not.toContain('消去');

      // A shared link to the deleted person says it is gone.
      await page.goto(`${server.url}/?region=region:shiojiri&sel=${gone}&panel=detail`);
      await page.waitForSelector('body[data-map-ready="true"]', { timeout: 120_000 });
      await page.waitForSelector('[data-testid="missing"]', { timeout: 30_000 });
    });

    it('had no page errors', () => {
      expect(problems).toEqual([]);
    });
  },
);
