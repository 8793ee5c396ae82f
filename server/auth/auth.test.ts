/**
 * The pure parts of sign-in and roles: password hashing, tokens, the role rules, the alias,
 * and the per-role variants of the entity schema (what each role's schema lacks).
 */
import { parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  entityTypeDefs,
  roleHiddenFields,
  variantFor,
  type SchemaVariant,
} from '../graphql/variants';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password';
import { personAlias } from './privacy';
import {
  assertReadRegion,
  canReadRegion,
  canWrite,
  seesContact,
  type Viewer,
} from '../../common/roles';
import { TokenError, TokenSigner } from './tokens';

const viewer = (role: Viewer['role'], regionIds: string[] | null): Viewer => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  role,
  deptId: null,
  regionIds,
});

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('generates readable passwords that pass the rules; refuses short ones', () => {
    const p = generatePassword();
    expect(p).toHaveLength(16);
    expect(passwordProblem(p)).toBeNull();
    expect(passwordProblem('short')).toMatch(/at least 10/);
  });
});

describe('tokens', () => {
  const signer = new TokenSigner(new TextEncoder().encode('k'.repeat(40)));

  it('round-trips its claims and refuses a tampered or foreign token', async () => {
    const { token } = await signer.sign({ sub: 'u1', tv: 3, typ: 'session', csrf: 'c' }, 60);
    expect(await signer.verify(token)).toMatchObject({
      sub: 'u1',
      tv: 3,
      typ: 'session',
      csrf: 'c',
    });
    const other = new TokenSigner(new TextEncoder().encode('o'.repeat(40)));
    await expect(other.verify(token)).rejects.toMatchObject({ reason: 'invalid' });
    const [h, p, s] = token.split('.');
    await expect(signer.verify(`${h}.${p}x.${s}`)).rejects.toBeInstanceOf(TokenError);
  });

  it('says when a token has expired', async () => {
    const { token } = await signer.sign({ sub: 'u1', tv: 0, typ: 'api' }, -5);
    await expect(signer.verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });
});

describe('roles', () => {
  it('scopes reads by region and writes by role', () => {
    const coord = viewer('coordinator', ['region:tsubame']);
    expect(canReadRegion(coord, 'region:tsubame')).toBe(true);
    expect(canReadRegion(coord, 'region:shiojiri')).toBe(false);
    expect(canReadRegion(coord, null)).toBe(false);
    expect(() => assertReadRegion(coord, 'region:shiojiri')).toThrow(/may not read region/);
    expect(canReadRegion(viewer('analyst', null), null)).toBe(true);
    expect(canWrite(coord)).toBe(true);
    expect(canWrite(viewer('municipality', ['region:x']))).toBe(false);
    expect(canWrite(viewer('analyst', null))).toBe(false);
    // Contact fields: admins and coordinators only (the page hides them by the same rule).
    expect(
      (['admin', 'coordinator', 'municipality', 'analyst'] as const).map((r) =>
        seesContact({ role: r }),
      ),
    ).toEqual([true, true, false, false]);
  });

  it('gives each role its schema variant', () => {
    for (const role of ['admin', 'coordinator', 'municipality', 'analyst'] as const) {
      expect(variantFor(role)).toBe(role);
    }
  });
});

describe('alias', () => {
  it('is stable, short and not the id', () => {
    expect(personAlias('person:a')).toBe(personAlias('person:a'));
    expect(personAlias('person:a')).not.toBe(personAlias('person:b'));
    expect(personAlias('person:a')).toMatch(/^匿名-[0-9A-F]{6}$/);
  });
});

describe('entity schema variants', () => {
  const fields = (variant: SchemaVariant, type: string) => {
    const doc = parse(entityTypeDefs(variant));
    const def = doc.definitions.find(
      (d) => d.kind === 'ObjectTypeDefinition' && d.name.value === type,
    ) as ObjectTypeDefinitionNode;
    return new Map(def.fields!.map((f) => [f.name.value, f]));
  };

  it('has contact fields as stored for admins, by consent for coordinators, else not at all', () => {
    expect(fields('admin', 'Person').get('email')!.directives ?? []).toHaveLength(0);
    const coordinator = fields('coordinator', 'Person').get('email')!;
    expect(print(coordinator)).toContain('this.consentShareContact = true THEN this.email');
    expect(fields('municipality', 'Person').has('email')).toBe(false);
    expect(fields('municipality', 'Person').has('phone')).toBe(false);
    expect(fields('analyst', 'Person').has('phone')).toBe(false);
  });

  it("has no ratings for municipalities and withholds a pseudonymised person's title", () => {
    for (const f of ['mind', 'skill', 'network']) {
      expect(fields('municipality', 'Person').has(f)).toBe(false);
      expect(fields('coordinator', 'Person').has(f)).toBe(true);
    }
    expect(print(fields('analyst', 'Person').get('title')!)).toContain(
      'this.consentPublicProfile = true THEN this.title',
    );
  });

  it('knows which fields some role does not have, from the variants themselves', () => {
    const hidden = roleHiddenFields();
    expect([...hidden.get('Person')!]).toEqual(
      expect.arrayContaining(['email', 'phone', 'mind', 'knows', 'attended', 'nameKana']),
    );
    expect([...hidden.get('Introduction')!]).toEqual(expect.arrayContaining(['reason', 'from']));
    // a follow-up's note is free text: not for analysts.
    expect([...hidden.get('Event')!]).toEqual(expect.arrayContaining(['note']));
    expect(hidden.has('Skill')).toBe(true); // Skill.people: a filter into region-scoped persons
    expect(hidden.get('Person')!.has('skills')).toBe(false); // skills are shared
  });

  it("computes the analyst's Person.name as the alias and drops free-text notes", () => {
    const name = fields('analyst', 'Person').get('name')!;
    expect(name.directives?.map((d) => d.name.value)).toContain('cypher');
    // the same Cypher as displayName, written once in entities.graphql
    const statement = (f: typeof name) => {
      const arg = f.directives![0]!.arguments!.find((a) => a.name.value === 'statement')!;
      return (arg.value as { value: string }).value.replace(/ AS \w+$/, '');
    };
    expect(statement(name)).toBe(statement(fields('admin', 'Person').get('displayName')!));
    expect(fields('admin', 'Person').get('name')!.directives ?? []).toHaveLength(0);
    expect(fields('analyst', 'Introduction').has('reason')).toBe(false);
    expect(fields('municipality', 'Introduction').has('reason')).toBe(true);
  });
});

describe('query cost', () => {
  it('multiplies nested lists by their limit, counts id lookups once, refuses fan-out', async () => {
    // The library loads graphql through Node (CommonJS); vitest would hand this file graphql's
    // ES module build, a second instance the library cannot read: take Node's.
    const { createRequire } = await import('node:module');
    const { buildSchema, parse: parseQuery } = createRequire(import.meta.url)(
      'graphql',
    ) as typeof import('graphql');
    const { queryCost } = await import('../graphql/costLimit');
    const schema = buildSchema(`type P { id: ID! name: String knows(limit: Int, where: W): [P!]! }
      input W { id: IDF }
      input IDF { eq: ID, in: [ID!] }
      type Query { people(limit: Int, where: W): [P!]! reasons: [String!]! }`);
    const cost = (q: string) => queryCost(schema, parseQuery(q));
    expect(cost('{ reasons }')).toBe(1);
    expect(cost('{ people(limit: 10) { id name } }')).toBe(1 + 10 * 2);
    expect(cost('{ people { id } }')).toBe(1 + 100);
    expect(cost('{ people(where: { id: { eq: "a" } }) { knows(limit: 5) { id } } }')).toBe(
      1 + 1 * (1 + 5),
    );
    expect(cost('{ people(where: { id: { in: ["a", "b"] } }) { id } }')).toBe(1 + 2);
    expect(cost('{ people { knows { knows { id } } } }')).toBeGreaterThan(1_000_000);
  });
});
