import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../config/env';
import type { Database } from '../db/driver';
import { graphVersion } from '../db/schema';
import { AS_TYPED } from '../../test/asTyped';
import { removeByIdPrefix, testDb } from '../../test/db';
import { nodeColumns, toCsv } from '../../seeds/csv';
import { formatImportError } from './dataset';
import { readPath, targetOfFileName } from './read';
import { WriteConflict } from '../write';
import { importDataset, importPath } from './write';

const PREFIX = 'test-import:';
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const tmp = mkdtempSync(path.join(tmpdir(), 'chiiki-import-'));

let db: Database;

async function q(query: string, params: Record<string, unknown> = {}) {
  const res = await db.driver.executeQuery(query, params, { database: db.database });
  return res.records.map((r) => r.toObject());
}
async function countNodes(): Promise<number> {
  const rows = await q('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS c', {
    p: PREFIX,
  });
  return Number(rows[0]!.c);
}
async function countRels(): Promise<number> {
  const rows = await q(
    'MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $p OR b.id STARTS WITH $p RETURN count(r) AS c',
    { p: PREFIX },
  );
  return Number(rows[0]!.c);
}
function writeDir(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', dir]);
  for (const [f, content] of Object.entries(files)) writeFileSync(path.join(dir, f), content);
  return dir;
}

beforeEach(async () => {
  db = await testDb();
  await removeByIdPrefix(db, PREFIX);
});
afterAll(async () => {
  await removeByIdPrefix(await testDb(), PREFIX);
  rmSync(tmp, { recursive: true, force: true });
});

describe('file names', () => {
  it('finds the label or type in decorated names', () => {
    expect(targetOfFileName('Person.csv')).toBe('Person');
    expect(targetOfFileName('Person.shiojiri.csv')).toBe('Person');
    expect(targetOfFileName('02_KNOWS.csv')).toBe('KNOWS');
    expect(targetOfFileName('HAS_SKILL.csv')).toBe('HAS_SKILL');
    expect(targetOfFileName('03_LOCATED_IN.csv')).toBe('LOCATED_IN');
    expect(targetOfFileName('person.csv')).toBe('Person');
    expect(targetOfFileName('people.csv')).toHaveProperty('error');
  });
});

describe('import (real Neo4j)', () => {
  it('imports a directory, then a re-import changes nothing', async () => {
    const before = await graphVersion(db);
    const first = await importPath(db, path.join(FIXTURES, 'good'));
    expect(first.errors).toEqual([]);
    expect(first.skipped).toEqual(expect.arrayContaining(['README.md', 'truth.json']));
    expect(first.created).toMatchObject({
      Region: 1,
      Organization: 2,
      SME: 1,
      Person: 3,
      KNOWS: 2,
      WORKS_AT: 2,
      LOCATED_IN: 2,
      SUPPORTS: 1,
    });
    expect(await graphVersion(db)).toBe(before + 1);
    const nodes = await countNodes();
    const rels = await countRels();
    expect(nodes).toBe(7);
    expect(rels).toBe(7);

    const [p1] = await q('MATCH (p:Person {id: $id}) RETURN p, labels(p) AS labels', {
      id: `${PREFIX}p:1`,
    });
    const props = (p1!.p as { properties: Record<string, unknown> }).properties;
    expect(props).toMatchObject({
      name: '山田 太郎',
      mind: 4,
      consentShareContact: true,
      consentPublicProfile: false,
    });
    expect(props.isKeyPerson).toBeUndefined();
    expect(p1!.labels).toEqual(expect.arrayContaining(['Person', 'Entity', 'KeyPerson']));
    expect(p1!.labels).not.toContain('Talent');
    const [p2] = await q(
      'MATCH (p:Person {id: $id}) RETURN labels(p) AS labels, p.remoteOk AS remoteOk',
      { id: `${PREFIX}p:2` },
    );
    expect(p2!.labels).toContain('Talent');
    expect(p2!.remoteOk).toBe(true);
    const [p3] = await q('MATCH (p:Person {id: $id}) RETURN p.title AS title', {
      id: `${PREFIX}p:3`,
    });
    expect(p3!.title).toBe('課長\n（兼務）');
    const [sme] = await q(
      'MATCH (s:SME {id: $id}) RETURN s.name AS name, s.hasHrStaff AS hr, s.hasEvaluationSystem AS ev, s.employees AS e',
      { id: `${PREFIX}sme:1` },
    );
    expect(sme).toEqual({ name: '株式会社 "テスト" 製作所', hr: true, ev: false, e: 42 });
    const [org] = await q('MATCH (o:Organization {id: $id}) RETURN o.functions AS f', {
      id: `${PREFIX}org:cci`,
    });
    expect(org!.f).toEqual(['change_agent', 'strategic_partner']);
    const [k] = await q(
      'MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) RETURN k.strength AS s, k.source AS src, k.createdAt AS at',
      { a: `${PREFIX}p:3`, b: `${PREFIX}p:1` },
    );
    // schema defaults; an import's relationships carry no timestamp (docs/decisions.md)
    expect(k).toEqual({ s: 1, src: 'manual', at: null });

    const version = await graphVersion(db);
    const second = await importPath(db, path.join(FIXTURES, 'good'));
    expect(second.errors).toEqual([]);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    expect(Object.values(second.updated).every((n) => n === 0)).toBe(true);
    expect(second.unchanged).toMatchObject({ Person: 3, KNOWS: 2, SUPPORTS: 1 });
    expect(await countNodes()).toBe(nodes);
    expect(await countRels()).toBe(rels);
    expect(await graphVersion(db)).toBe(version); // nothing changed, nothing to reload
  });

  it('updates only what changed and sets updatedAt only then; labels follow isKeyPerson/isTalent', async () => {
    const base = {
      nodes: {
        Person: [
          {
            id: `${PREFIX}u:1`,
            name: '一',
            origin: 'local',
            isKeyPerson: true,
            email: 'a@example.jp',
          },
          { id: `${PREFIX}u:2`, name: '二', origin: 'local' },
        ],
      },
      relationships: {},
    };
    await importDataset(db, base);
    const [before] = await q(
      'MATCH (p:Person {id: $id}) RETURN p.updatedAt AS u, p.createdAt AS c',
      { id: `${PREFIX}u:2` },
    );
    await new Promise((r) => setTimeout(r, 5));
    const res = await importDataset(db, {
      nodes: {
        Person: [
          { id: `${PREFIX}u:1`, name: '一', origin: 'local', isKeyPerson: false, email: undefined },
          { id: `${PREFIX}u:2`, name: '二', origin: 'local' },
        ],
      },
      relationships: {},
    });
    expect(res.updated.Person).toBe(1);
    expect(res.unchanged.Person).toBe(1);
    const [u1] = await q(
      'MATCH (p:Person {id: $id}) RETURN labels(p) AS l, p.email AS email, p.updatedAt > p.createdAt AS bumped',
      { id: `${PREFIX}u:1` },
    );
    expect(u1!.l).not.toContain('KeyPerson');
    expect(u1!.email).toBeNull(); // given as "not set": removed
    expect(u1!.bumped).toBe(true);
    const [after] = await q(
      'MATCH (p:Person {id: $id}) RETURN p.updatedAt AS u, p.createdAt AS c',
      { id: `${PREFIX}u:2` },
    );
    expect(after).toEqual(before);
  });

  it('reports every bad row of several files with file, row and column, and writes nothing', async () => {
    const nodes = await countNodes();
    const version = await graphVersion(db);
    const res = await importPath(db, path.join(FIXTURES, 'bad'));
    const lines = res.errors.map(formatImportError);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^KNOWS\.csv:2: to: no node with id "test-import:bad:nobody"/),
        expect.stringMatching(
          /^KNOWS\.csv:3: to: "test-import:bad:s1" is a SME, but KNOWS must point to a Person/,
        ),
        expect.stringMatching(/^KNOWS\.csv:4: strength: must be at most 3 \(got 5\)/),
        expect.stringMatching(
          /^KNOWS\.csv:4: source: must be one of seed, survey, introduction, event, manual \(got "gossip"\)/,
        ),
        expect.stringMatching(/^Person\.csv:3: name: is required \(the cell is empty\)/),
        expect.stringMatching(
          /^Person\.csv:4: origin: must be one of local, outside \(got "somewhere"\)/,
        ),
        expect.stringMatching(/^Person\.csv:4: mind: must be at most 5 \(got 9\)/),
        expect.stringMatching(/^Person\.csv:4: email: must be an e-mail address/),
        expect.stringMatching(
          /^Person\.csv:5: id: duplicate id "test-import:bad:p1".*Person\.csv row 2/,
        ),
        expect.stringMatching(/^Person\.csv:6: id: may contain only letters/),
        expect.stringMatching(/^Person\.csv:6: isTalent: must be true or false.*\(got "maybe"\)/),
        expect.stringMatching(/^SME\.csv:2: employees: must be a whole number \(got "many"\)/),
        expect.stringMatching(
          /^SME\.csv:2: stage: must be one of unaware, interested, engaged, matched, following_up \(got "active"\)/,
        ),
      ]),
    );
    expect(res.errors).toHaveLength(13);
    expect(Object.keys(res.created)).toEqual([]);
    expect(await countNodes()).toBe(nodes);
    expect(await graphVersion(db)).toBe(version);
  });

  it('reads Shift_JIS (Excel "CSV") with Japanese names, and UTF-8 with BOM', async () => {
    const sjis = iconv.encode(
      'id,name,origin,title\r\ntest-import:sj:1,髙橋 𠮷郎,local,ー\r\ntest-import:sj:2,渡邉 ①子,outside,係長（ハイフン－）\r\n'.replace(
        '𠮷',
        '吉',
      ),
      'cp932',
    );
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('from,to,strength\ntest-import:sj:1,test-import:sj:2,2\n', 'utf8'),
    ]);
    const dir = writeDir('encodings', { 'Person.csv': sjis, 'KNOWS.csv': bom });
    const read = readPath(dir);
    expect(read.files.map((f) => [f.file, f.encoding])).toEqual([
      ['KNOWS.csv', 'utf-8-bom'],
      ['Person.csv', 'shift_jis'],
    ]);
    const res = await importPath(db, dir);
    expect(res.errors).toEqual([]);
    const rows = await q(
      'MATCH (p:Person) WHERE p.id STARTS WITH $p RETURN p.id AS id, p.name AS name, p.title AS title ORDER BY id',
      { p: `${PREFIX}sj:` },
    );
    expect(rows).toEqual([
      { id: `${PREFIX}sj:1`, name: '髙橋 吉郎', title: 'ー' },
      { id: `${PREFIX}sj:2`, name: '渡邉 ①子', title: '係長（ハイフン－）' },
    ]);
    expect(res.created.KNOWS).toBe(1);
  });

  it('refuses undecodable Shift_JIS bytes at their row, writes nothing (issue 11, finding 8)', async () => {
    const nodes = await countNodes();
    const version = await graphVersion(db);
    const good = iconv.encode(`id,name,origin\r\n${PREFIX}enc:1,髙橋 花子,local\r\n`, 'cp932');
    // 0x85 0x40 and 0xFD are no Windows-31J characters: decoded leniently they became 「�����」
    const bad = Buffer.concat([
      Buffer.from(`${PREFIX}enc:2,`, 'ascii'),
      Buffer.from([0x85, 0x40, 0xfd, 0xfd, 0x85, 0x40]),
      Buffer.from(',local\r\n', 'ascii'),
    ]);
    const dir = writeDir('bad-sjis', { 'Person.csv': Buffer.concat([good, bad]) });
    const res = await importPath(db, dir);
    expect(res.errors).toEqual([
      {
        file: 'Person.csv',
        row: 3,
        column: '',
        reason: expect.stringMatching(
          /neither valid Shift_JIS nor UTF-8 \(byte 0x85 at byte 19 of the line\)/,
        ),
      },
    ]);
    expect(Object.keys(res.created)).toEqual([]);
    expect(await countNodes()).toBe(nodes);
    expect(await graphVersion(db)).toBe(version);
    // the same file but valid imports, without a replacement character anywhere
    const fixed = writeDir('bad-sjis-fixed', { 'Person.csv': good });
    expect((await importPath(db, fixed)).errors).toEqual([]);
    const rows = await q('MATCH (p:Person {id: $id}) RETURN p.name AS name', {
      id: `${PREFIX}enc:1`,
    });
    expect(rows).toEqual([{ name: '髙橋 花子' }]);
  });

  it('refuses a file with one UTF-8 row and one Shift_JIS row (mixed encodings), writes nothing', async () => {
    const nodes = await countNodes();
    const version = await graphVersion(db);
    const mixed = Buffer.concat([
      Buffer.from(`id,name,origin\n${PREFIX}mix:1,山田 花子,local\n`, 'utf8'),
      iconv.encode(`${PREFIX}mix:2,佐藤 一郎,local\n`, 'cp932'),
    ]);
    // with a BOM the file says UTF-8, and the Shift_JIS row is the odd one out
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), mixed]);
    const dir = writeDir('mixed', { 'Person.csv': mixed, 'Person.bom.csv': withBom });
    const res = await importPath(db, dir);
    expect(res.errors).toEqual([
      {
        file: 'Person.bom.csv',
        row: 3,
        column: '',
        reason: expect.stringContaining('is Shift_JIS, but the file starts with a UTF-8 BOM'),
      },
      {
        file: 'Person.csv',
        row: 2,
        column: '',
        reason: expect.stringContaining('is UTF-8, but other rows of the file are Shift_JIS'),
      },
    ]);
    expect(res.errors[1]!.reason).toContain('mixed encodings');
    expect(Object.keys(res.created)).toEqual([]);
    expect(await countNodes()).toBe(nodes);
    expect(await graphVersion(db)).toBe(version);
  });

  it('valid nodes but bad relationships: the nodes written meanwhile are rolled back, every error is reported', async () => {
    const nodes = await countNodes();
    const rels = await countRels();
    const version = await graphVersion(db);
    // Enough nodes for several batches, so node writes are under way while KNOWS is checked.
    const persons = ['id,name,origin'];
    for (let i = 0; i < 30; i++) persons.push(`${PREFIX}ov:p${i},人物 ${i},local`);
    const knows = ['from,to,strength,source'];
    for (let i = 1; i < 30; i++) knows.push(`${PREFIX}ov:p0,${PREFIX}ov:p${i},2,seed`);
    knows.push(`${PREFIX}ov:p1,${PREFIX}ov:nobody,2,seed`); // row 31
    knows.push(`${PREFIX}ov:p2,${PREFIX}ov:p3,7,seed`); // row 32
    knows.push(`${PREFIX}ov:p0,${PREFIX}ov:p5,2,seed`); // row 33: duplicate of row 6
    const dir = writeDir('overlap', {
      'Person.csv': persons.join('\n') + '\n',
      'KNOWS.csv': knows.join('\n') + '\n',
    });
    for (const dryRun of [false, true]) {
      const res = await importPath(db, dir, { batchSize: 4, dryRun });
      expect(res.errors.map(formatImportError)).toEqual([
        expect.stringMatching(/^KNOWS\.csv:31: to: no node with id "test-import:ov:nobody"/),
        expect.stringMatching(/^KNOWS\.csv:32: strength: must be at most 3 \(got 7\)/),
        expect.stringMatching(
          /^KNOWS\.csv:33: from: duplicate KNOWS .*already in KNOWS\.csv row 6/,
        ),
      ]);
      expect(res.created).toEqual({});
    }
    expect(await countNodes()).toBe(nodes);
    expect(await countRels()).toBe(rels);
    expect(await graphVersion(db)).toBe(version);
    // The same rows without the bad ones import, with the counts of a plain import.
    const ok = writeDir('overlap-ok', {
      'Person.csv': persons.join('\n') + '\n',
      'KNOWS.csv': knows.slice(0, 30).join('\n') + '\n',
    });
    const res = await importPath(db, ok, { batchSize: 4 });
    expect(res.errors).toEqual([]);
    expect(res.created).toEqual({ Person: 30, KNOWS: 29 });
    expect(await countNodes()).toBe(nodes + 30);
    expect(await countRels()).toBe(rels + 29);
  });

  it('rejects an id already used by a node of another label in the database', async () => {
    await importDataset(db, {
      nodes: { Skill: [{ id: `${PREFIX}x:1`, name: 'DX' }] },
      relationships: {},
    });
    const res = await importDataset(db, {
      nodes: { Person: [{ id: `${PREFIX}x:1`, name: 'X', origin: 'local' }] },
      relationships: {},
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      column: 'id',
      reason: expect.stringContaining('already names a Skill in the database'),
    });
  });

  it('accepts endpoints already in the database and checks their labels', async () => {
    await importDataset(db, {
      nodes: {
        Person: [{ id: `${PREFIX}e:1`, name: 'A', origin: 'local' }],
        Skill: [{ id: `${PREFIX}e:s`, name: 'S' }],
      },
      relationships: {},
    });
    const ok = await importDataset(db, {
      nodes: { Person: [{ id: `${PREFIX}e:2`, name: 'B', origin: 'local' }] },
      relationships: {
        KNOWS: [{ from: `${PREFIX}e:2`, to: `${PREFIX}e:1` }],
        HAS_SKILL: [{ from: `${PREFIX}e:1`, to: `${PREFIX}e:s`, level: 2 }],
      },
    });
    expect(ok.errors).toEqual([]);
    expect(ok.created).toMatchObject({ Person: 1, KNOWS: 1, HAS_SKILL: 1 });
    const bad = await importDataset(db, {
      nodes: {},
      relationships: {
        HAS_SKILL: [
          { from: `${PREFIX}e:s`, to: `${PREFIX}e:1` },
          { from: `${PREFIX}e:1`, to: `${PREFIX}e:zzz` },
        ],
      },
    });
    expect(bad.errors.map((e) => `${e.row} ${e.column}`)).toEqual(['0 from', '0 to', '1 to']);
    expect(bad.errors[0]!.reason).toBe(
      `"${PREFIX}e:s" is a Skill, but HAS_SKILL must start at a Person`,
    );
  });

  it('stops and writes nothing when an endpoint is deleted between validation and writing', async () => {
    const x = `${PREFIX}gone:x`;
    const y = `${PREFIX}gone:y`;
    await importDataset(db, {
      nodes: { Person: [{ id: x, name: 'X', origin: 'local' }] },
      relationships: {},
    });
    // Another user deletes x after validation looked it up (so its internal id is known) and
    // before the relationship to it is written. Run as a separate process, synchronously, so
    // that the import cannot go on meanwhile.
    const deleter = `import neo4j from 'neo4j-driver';
      const d = neo4j.driver(process.env.CJ_URI, neo4j.auth.basic(process.env.CJ_USER, process.env.CJ_PASSWORD));
      await d.executeQuery('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: process.env.CJ_ID }, { database: process.env.CJ_DB || undefined });
      await d.close();`;
    let deleted = false;
    const attempt = importDataset(
      db,
      {
        nodes: { Person: [{ id: y, name: 'Y', origin: 'local' }] },
        relationships: { KNOWS: [{ from: y, to: x, strength: 2 }] },
      },
      {
        onProgress: (p) => {
          if (deleted || p.phase !== 'validate' || p.done !== p.total) return;
          const run = spawnSync(process.execPath, ['--input-type=module', '-e', deleter], {
            cwd: PROJECT_ROOT,
            env: {
              ...process.env,
              CJ_URI: db.connection.uri,
              CJ_USER: db.connection.user,
              CJ_PASSWORD: db.connection.password,
              CJ_DB: db.database ?? '',
              CJ_ID: x,
            },
            encoding: 'utf8',
          });
          if (run.status !== 0) throw new Error(`deleting x failed: ${run.stderr}`);
          deleted = true;
        },
      },
    );
    await expect(attempt).rejects.toThrow(WriteConflict);
    await expect(attempt).rejects.toThrow(
      '1 KNOWS relationship(s) lost an endpoint that was deleted in the database while this write ran; run it again',
    );
    expect(deleted).toBe(true);
    expect(await q('MATCH (n:Entity) WHERE n.id IN [$x, $y] RETURN n.id', { x, y })).toEqual([]);
  });

  it('keeps KNOWS imported in both directions one relationship', async () => {
    const a = `${PREFIX}k:a`;
    const b = `${PREFIX}k:b`;
    await importDataset(db, {
      nodes: {
        Person: [
          { id: a, name: 'A', origin: 'local' },
          { id: b, name: 'B', origin: 'local' },
        ],
      },
      relationships: { KNOWS: [{ from: a, to: b, strength: 1 }] },
    });
    const res = await importDataset(db, {
      nodes: {},
      relationships: { KNOWS: [{ from: b, to: a, strength: 3 }] },
    });
    expect(res).toMatchObject({ created: { KNOWS: 0 }, updated: { KNOWS: 1 } });
    const rows = await q(
      'MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) RETURN k.strength AS s',
      { a, b },
    );
    expect(rows).toEqual([{ s: 3 }]);
    // both directions in one input: a duplicate
    const dup = await importDataset(db, {
      nodes: {},
      relationships: {
        KNOWS: [
          { from: a, to: b },
          { from: b, to: a },
        ],
      },
    });
    expect(dup.errors).toHaveLength(1);
    expect(dup.errors[0]!.reason).toMatch(/duplicate KNOWS.*symmetric/);
  });

  it('counts a relationship unchanged, updated or created by what the database holds', async () => {
    const a = `${PREFIX}r:a`;
    const b = `${PREFIX}r:b`;
    const c = `${PREFIX}r:c`;
    const skill = `${PREFIX}r:skill`;
    const first = await importDataset(db, {
      nodes: {
        Person: [a, b, c].map((id) => ({ id, name: id, origin: 'local' })),
        Skill: [{ id: skill, name: 'データ分析' }],
      },
      relationships: {
        KNOWS: [
          { from: a, to: b, strength: 2, context: '同僚' },
          { from: a, to: c, strength: 1 },
        ],
        HAS_SKILL: [
          { from: a, to: skill, level: 3 },
          { from: b, to: skill, level: 3 },
        ],
      },
    });
    expect(first.errors).toEqual([]);
    // Someone stored b's level as text: it looks the same, but is not the same value.
    await q('MATCH (:Person {id: $b})-[h:HAS_SKILL]->() SET h.level = "3"', { b });
    const res = await importDataset(db, {
      nodes: {},
      relationships: {
        KNOWS: [
          { from: b, to: a, strength: 2, context: '同僚' }, // the same, given the other way round
          { from: a, to: c, strength: 3 }, // changed
          { from: b, to: c }, // new, between two nodes already there
        ],
        HAS_SKILL: [
          { from: a, to: skill, level: 3 },
          { from: b, to: skill, level: 3 },
        ],
      },
    });
    expect(res.errors).toEqual([]);
    expect(res).toMatchObject({
      created: { KNOWS: 1, HAS_SKILL: 0 },
      updated: { KNOWS: 1, HAS_SKILL: 1 },
      unchanged: { KNOWS: 1, HAS_SKILL: 1 },
    });
    const rows = await q(
      `MATCH (p:Person)-[r:KNOWS|HAS_SKILL]->(o) WHERE p.id IN [$a, $b, $c]
       RETURN p.id + '>' + o.id AS k, type(r) AS t, r.strength AS s, r.level AS l ORDER BY k, t`,
      { a, b, c },
    );
    expect(rows).toEqual([
      { k: `${a}>${b}`, t: 'KNOWS', s: 2, l: null },
      { k: `${a}>${c}`, t: 'KNOWS', s: 3, l: null },
      { k: `${a}>${skill}`, t: 'HAS_SKILL', s: null, l: 3 },
      { k: `${b}>${c}`, t: 'KNOWS', s: 1, l: null }, // strength defaults to 1
      { k: `${b}>${skill}`, t: 'HAS_SKILL', s: null, l: 3 },
    ]);
  });

  it('dry run writes nothing but reports the counts', async () => {
    const nodes = await countNodes();
    const version = await graphVersion(db);
    const res = await importPath(db, path.join(FIXTURES, 'good'), { dryRun: true });
    expect(res.errors).toEqual([]);
    expect(res.dryRun).toBe(true);
    expect(res.created).toMatchObject({ Person: 3, KNOWS: 2, LOCATED_IN: 2 });
    expect(await countNodes()).toBe(nodes);
    expect(await graphVersion(db)).toBe(version);
    await importPath(db, path.join(FIXTURES, 'good'));
    const again = await importPath(db, path.join(FIXTURES, 'good'), { dryRun: true });
    expect(again.unchanged).toMatchObject({ Person: 3, KNOWS: 2 });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
  });

  it('imports a JSON file (typed values, nested consent) and reports JSON rows by index', async () => {
    const json = {
      nodes: {
        Person: [
          {
            id: `${PREFIX}j:1`,
            name: '山田 太郎',
            origin: 'local',
            consent: { shareContact: true, publicProfile: true },
            mind: 3,
          },
          {
            id: `${PREFIX}j:2`,
            name: '田中 次郎',
            origin: 'outside',
            isTalent: true,
            talentKind: 'professional',
            hoursPerMonth: 12.5,
          },
        ],
      },
      relationships: { KNOWS: [{ from: `${PREFIX}j:1`, to: `${PREFIX}j:2`, strength: 2 }] },
    };
    const dir = writeDir('json', { 'shiojiri.json': JSON.stringify(json) });
    const res = await importPath(db, path.join(dir, 'shiojiri.json'));
    expect(res.errors).toEqual([]);
    expect(res.created).toMatchObject({ Person: 2, KNOWS: 1 });
    const [p] = await q(
      'MATCH (p:Person {id: $id}) RETURN p.consentShareContact AS s, p.consentPublicProfile AS pub',
      { id: `${PREFIX}j:1` },
    );
    expect(p).toEqual({ s: true, pub: true });

    const bad = {
      nodes: {
        Person: [
          { id: `${PREFIX}j:3`, name: 'x', origin: 'local' },
          { id: `${PREFIX}j:4`, name: 'y', origin: 'local', mind: '3', nickname: 'z' },
        ],
      },
    };
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
    const r2 = await importPath(db, path.join(dir, 'bad.json'));
    expect(r2.errors.map(formatImportError)).toEqual([
      expect.stringMatching(/^bad\.json:1: nickname: unknown field for Person/),
      'bad.json:1: mind: must be a whole number (got "3")',
    ]);
  });

  it('reports header problems once and still checks the rows', async () => {
    const dir = writeDir('header', {
      'SME.csv':
        'id,name,industy,employees,hasHrStaff,hasEvaluationSystem,stage\ntest-import:h:1,A,製造,1,true,false,engaged\ntest-import:h:2,B,製造,x,true,false,engaged\n',
    });
    const res = await importPath(db, dir);
    expect(res.errors.map(formatImportError)).toEqual([
      expect.stringMatching(/^SME\.csv:1: industy: unknown column for SME/),
      'SME.csv:1: industry: required column is missing from the header',
      'SME.csv:3: employees: must be a whole number (got "x")',
    ]);
    expect(await countNodes()).toBe(0);
  });

  it('CLI: prints every bad row to stderr and exits non-zero', () => {
    const res = spawnSync('npx', ['tsx', 'server/cli/import.ts', path.join(FIXTURES, 'bad')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^KNOWS\.csv:2: to: no node with id/),
        expect.stringMatching(/^Person\.csv:6: isTalent: must be true or false/),
        expect.stringMatching(/^SME\.csv:2: stage: must be one of .* \(got "active"\)$/),
        '13 errors: nothing was imported. Fix the rows above and run again.',
      ]),
    );
  });

  it('stores text as typed, byte for byte, and a re-import of what it stored is unchanged (UTF-8, BOM, JSON, Shift_JIS)', async () => {
    const withSpaces = `\u3000 ${AS_TYPED} `;
    const person = (id: string, name: string, title: string) => ({
      id: `${PREFIX}typed:${id}`,
      name,
      origin: 'local',
      title,
      consentShareContact: false,
      consentPublicProfile: false,
    });
    const csv = toCsv(nodeColumns('Person'), [person('1', withSpaces, `${AS_TYPED}（兼務）`)]);
    // Shift_JIS (cp932) cannot hold 𠮷 or an emoji: the rest of the text must survive it
    const sjisText = '（テスト）ＡＢＣ１２３㈱髙橋';
    const dir = writeDir('typed', {
      'Person.csv': csv,
      'Person.bom.csv': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(toCsv(nodeColumns('Person'), [person('2', AS_TYPED, 'ｶﾀｶﾅ ﾃｽﾄ')]), 'utf8'),
      ]),
      'Person.sjis.csv': iconv.encode(
        toCsv(nodeColumns('Person'), [person('3', sjisText, '①②③')]).replace(/\n/g, '\r\n'),
        'cp932',
      ),
      'people.json': JSON.stringify({ nodes: { Person: [person('4', AS_TYPED, '👩‍💼 担当')] } }),
    });
    const first = await importPath(db, dir);
    expect(first.errors).toEqual([]);
    expect(first.created.Person).toBe(4);
    const stored = async () =>
      q(
        'MATCH (p:Person) WHERE p.id STARTS WITH $p RETURN p.id AS id, p.name AS name, p.title AS title ORDER BY id',
        { p: `${PREFIX}typed:` },
      );
    const rows = await stored();
    const expected = [
      { id: `${PREFIX}typed:1`, name: AS_TYPED, title: `${AS_TYPED}（兼務）` },
      { id: `${PREFIX}typed:2`, name: AS_TYPED, title: 'ｶﾀｶﾅ ﾃｽﾄ' },
      { id: `${PREFIX}typed:3`, name: sjisText, title: '①②③' },
      { id: `${PREFIX}typed:4`, name: AS_TYPED, title: '👩‍💼 担当' },
    ];
    expect(rows).toEqual(expected);
    for (const [i, r] of rows.entries()) {
      expect(Buffer.from(String(r.name)).equals(Buffer.from(expected[i]!.name))).toBe(true);
      expect(Buffer.from(String(r.title)).equals(Buffer.from(expected[i]!.title))).toBe(true);
    }
    // what is stored, written out again as CSV, imports as unchanged
    const again = writeDir('typed-again', {
      'Person.csv': toCsv(
        nodeColumns('Person'),
        rows.map((r) => ({ ...r, origin: 'local' })),
      ),
    });
    const second = await importPath(db, again);
    expect(second.errors).toEqual([]);
    expect(second).toMatchObject({ created: { Person: 0 }, updated: { Person: 0 } });
    expect(second.unchanged.Person).toBe(4);
    expect(await stored()).toEqual(expected);
  });

  it('CLI: --dry-run prints what would change', () => {
    const res = spawnSync(
      'npx',
      ['tsx', 'server/cli/import.ts', path.join(FIXTURES, 'good'), '--dry-run'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/would create/);
    expect(res.stdout).toMatch(/^Person\s+3\s+0\s+0$/m);
    expect(res.stdout).toMatch(/dry run: nothing was written/);
  });
});
