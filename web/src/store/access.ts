/**
 * What this account may read and edit, from what the server's schema offers it (GraphQL
 * introspection): the node kinds it edits and the fields of each kind's form it reads. Apart from
 * app.ts because it depends only on the account and the schema, never on the view or the graph.
 */
import { computed, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Gql } from '../api';
import { canWrite, seesContact, type Me } from '../auth';
import { hasForm, formFields } from '../forms/fields';
import * as Q from '../queries';
import { resource, valueOf, type Resource } from './resource';

/** What the server's schema offers this account (GraphQL introspection). */
export interface SchemaInfo {
  mutations: Set<string>;
  /** Field names of each entity type; null when the schema could not be read. */
  fields: Record<string, Set<string>> | null;
}

export interface Access {
  schema: Resource<SchemaInfo>;
  /** Node kinds this account can edit. */
  editable: ReadonlySignal<ReadonlySet<string>>;
  /** The fields of a kind's form this account can read. */
  readable(kind: string): ReadonlySet<string>;
}

export function createAccess(deps: {
  gql: Gql;
  me: Signal<Me | null>;
  describe: (err: unknown) => string;
}): Access {
  const { gql, me, describe } = deps;
  const schema = resource({
    key: () => (me.value !== null ? {} : null),
    load: () => loadSchemaInfo(gql),
    describe,
  });

  const editable = computed<ReadonlySet<string>>(() => {
    const info = valueOf(schema.state.value);
    const m = me.value;
    if (!info || !m || !canWrite(m) || !info.mutations.has(Q.UPDATE_MUTATION)) return new Set();
    return new Set(Object.keys(Q.ENTITY_API).filter(hasForm));
  });

  /**
   * The fields of a kind's form this account can read: those its schema has (a role may lack
   * some, e.g. contact data); without introspection, all but what the role may not read.
   */
  function readable(kind: string): ReadonlySet<string> {
    if (!hasForm(kind)) return new Set();
    const have = valueOf(schema.state.value)?.fields?.[Q.ENTITY_API[kind]?.type ?? ''] ?? null;
    const m = me.value;
    const names = [...formFields(kind).map((d) => d.name as string), ...(Q.EXTRA_READ[kind] ?? [])];
    return new Set(
      names.filter((n) =>
        have ? have.has(n) : !(m && !seesContact(m) && (n === 'email' || n === 'phone')),
      ),
    );
  }

  return { schema, editable, readable };
}

/** What the schema offers (mutations, fields of the entity types); null fields when unknown. */
async function loadSchemaInfo(gql: Gql): Promise<SchemaInfo> {
  try {
    const d = await gql<{
      __schema: { mutationType: { fields: Array<{ name: string }> } | null };
      [type: string]: unknown;
    }>(Q.SCHEMA_INFO);
    const fields: Record<string, Set<string>> = {};
    for (const { type } of Object.values(Q.ENTITY_API)) {
      const t = d[type] as { fields?: Array<{ name: string }> } | null | undefined;
      fields[type] = new Set((t?.fields ?? []).map((f) => f.name));
    }
    return {
      mutations: new Set(d.__schema.mutationType?.fields.map((f) => f.name) ?? []),
      fields,
    };
  } catch {
    // Introspection off: nothing is offered for editing, and the default fields are read.
    return { mutations: new Set(), fields: null };
  }
}
