/**
 * The foundation end to end against the real Neo4j: schema migrations are idempotent, APOC is
 * there, and /healthz reports the database and its counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cypher } from '../server/db/cypher';
import { applySchema, countsByLabel, missingApoc } from '../server/db/schema';
import { createApp } from '../server/http/app';
import { removeByIdPrefix, testDb } from './db';
import { listenOnLoopback } from '../server/http/listen';
import { bearer, TEST_ADMIN } from './auth';

const PREFIX = 'test-server:';

describe('database foundation', () => {
  it('applies the schema twice without error and enforces unique ids across labels', async () => {
    const db = await testDb();
    await applySchema(db);
    await applySchema(db);
    const res = await db.driver.executeQuery(
      'SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names',
    );
    const names = res.records[0]!.get('names') as string[];
    for (const n of ['entity_id', 'person_id', 'organization_id', 'sme_id', 'region_id']) {
      expect(names).toContain(n);
    }
    await db.driver.executeQuery("CREATE (:Person:Entity {id: $id, name: 'a'})", {
      id: `${PREFIX}dup`,
    });
    await expect(
      db.driver.executeQuery("CREATE (:Organization:Entity {id: $id, name: 'b'})", {
        id: `${PREFIX}dup`,
      }),
    ).rejects.toThrow(/already exists/);
    await removeByIdPrefix(db, PREFIX);
  });

  it('has the APOC procedures and functions @neo4j/graphql calls', async () => {
    const db = await testDb();
    expect(await missingApoc(db)).toEqual([]);
    const res = await db.driver.executeQuery(
      "RETURN apoc.date.convertFormat('2026-11-25', 'yyyy-MM-dd', 'dd/MM/yyyy') AS d",
    );
    expect(res.records[0]!.get('d')).toBe('25/11/2026');
  });

  it('loads every Cypher file it names', () => {
    expect(cypher('counts-by-label')).toMatch(/MATCH \(n:Person\)/);
    expect(() => cypher('../etc/passwd')).toThrow(/bad cypher file name/);
  });
});

describe('/healthz', () => {
  let base = '';
  let close: () => Promise<void> = async () => {};

  let admin: Record<string, string> = {};
  let analyst: Record<string, string> = {};

  beforeAll(async () => {
    const db = await testDb();
    const app = createApp(db);
    admin = await bearer(app, db, TEST_ADMIN);
    analyst = await bearer(app, db, { username: 'test-server-analyst', role: 'analyst' });
    ({ url: base, close } = await listenOnLoopback(app));
  });
  afterAll(() => close());

  it('tells anyone but an admin only its status: no counts, no Neo4j URI (issue 11)', async () => {
    for (const who of [{}, analyst, { authorization: 'Bearer forged' }]) {
      const res = await fetch(`${base}/healthz`, { headers: who });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });

  it('reports to an admin Neo4j reachable and the counts by label, which follow writes', async () => {
    const db = await testDb();
    const health = async () =>
      (await (await fetch(`${base}/healthz`, { headers: admin })).json()) as {
        status: string;
        neo4j: { reachable: boolean; uri: string; apocMissing: string[] };
        counts: Record<string, number>;
      };
    const before = await health();
    expect(before.neo4j.uri).toBe(db.connection.uri);
    expect(before.status).toBe('ok');
    expect(before.neo4j.reachable).toBe(true);
    await db.driver.executeQuery(
      "CREATE (:Person:Entity {id: $a, name: 'x'}), (:Person:Entity {id: $b, name: 'y'})",
      { a: `${PREFIX}p1`, b: `${PREFIX}p2` },
    );
    const after = await health();
    expect(after.counts.Person).toBe((before.counts.Person ?? 0) + 2);
    await removeByIdPrefix(db, PREFIX);
    expect((await countsByLabel(db)).Person).toBe(before.counts.Person);
  });

  it('serves a landing page in Japanese that escapes names', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('地域の人事部');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
  });
});
