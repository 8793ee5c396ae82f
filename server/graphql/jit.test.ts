/**
 * The map's queries compiled by graphql-jit (server/graphql/jit.ts) answer exactly what
 * graphql-js answers, for every role's schema variant (the pseudonymised and rating-free views
 * come from the same resolvers). That a failing map query still gets its coded error (from
 * graphql-js) is in graphql.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Database } from '../db/driver';
import { importDataset } from '../import';
import { ProjectionCache } from '../projection';
import { graphqlJwt, type Role, type Viewer } from '../../common/roles';
import { removeByIdPrefix, testDb } from '../../test/db';
import { ids, P, testDataset } from '../../test/testDataset';
import { NETWORK_MAP } from '../../web/src/queries';
import type { GraphqlContext } from './index';
import { HeavyFieldLimiter, ResponseBudget } from './limits';
import { buildSchema } from './schema';

// The CommonJS graphql that @neo4j/graphql builds the schema with (vitest would resolve an
// `import` of it to the ES module build, another instance of its classes).
const require = createRequire(import.meta.url);
const { execute, parse } = require('graphql') as typeof import('graphql');
const { compileQuery, isCompiledQuery } = require('graphql-jit') as typeof import('graphql-jit');

let db: Database;
let cache: ProjectionCache;

function viewer(role: Role): Viewer {
  const regional = role === 'coordinator' || role === 'municipality';
  return {
    userId: `jit-${role}`,
    username: `jit-${role}`,
    displayName: role,
    role,
    deptId: role === 'coordinator' ? ids.dept : null,
    regionIds: regional ? [ids.region] : null,
  };
}

function contextOf(v: Viewer): GraphqlContext {
  return {
    viewer: v,
    jwt: graphqlJwt(v),
    graphVersion: () => cache.currentVersion(),
    budget: new ResponseBudget(),
    heavy: new HeavyFieldLimiter(),
  };
}

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  expect((await importDataset(db, testDataset())).errors).toEqual([]);
  cache = new ProjectionCache(db);
});
afterAll(async () => {
  await removeByIdPrefix(db, P);
});

const FILTERED = `query($r: ID, $k: [MapNodeKind!]) {
  networkMap(regionId: $r, filter: { kinds: $k }) { graphVersion nodes { id kind name score community regionIds } edges { source target type weight unconfirmed } }
  again: networkMap(regionId: $r, includeUnconfirmed: false) { unconfirmedTies includesUnconfirmed nodes { id __typename } }
}`;

describe('networkMap compiled by graphql-jit', () => {
  for (const role of ['admin', 'coordinator', 'municipality', 'analyst'] as const) {
    it(`answers as graphql-js does (${role})`, async () => {
      const schema = await buildSchema(db, cache, role);
      for (const [source, variables] of [
        [NETWORK_MAP, { regionId: ids.region }],
        [FILTERED, { r: ids.region, k: ['Person', 'Organization'] }],
      ] as const) {
        const document = parse(source);
        const compiled = compileQuery(schema, document);
        if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled));
        const jit = await compiled.query(undefined, contextOf(viewer(role)), variables);
        const js = await execute({
          schema,
          document,
          contextValue: contextOf(viewer(role)),
          variableValues: variables,
        });
        expect(js.errors).toBeUndefined();
        expect(jit.errors).toBeUndefined();
        expect(JSON.stringify(jit.data)).toEqual(JSON.stringify(js.data));
        expect(
          (js.data as { networkMap: { nodes: unknown[] } }).networkMap.nodes.length,
        ).toBeGreaterThan(0);
      }
    });
  }
});
