/**
 * Pseudonymisation (SPEC §8): an analyst sees a person who has not consented to a public
 * profile under a stable alias derived from the person's id — the same alias in every
 * analytics result, every entity query (Person.displayName computes it in Cypher with
 * apoc.util.sha256, see entities.graphql) and every export, and across restarts. The id is
 * not personal data (seed slugs or UUIDs), so the alias needs no secret; it only must not be
 * the name.
 */
import { createHash } from 'node:crypto';

export const ALIAS_PREFIX = '匿名-';

export function personAlias(id: string): string {
  return (
    ALIAS_PREFIX + createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 6).toUpperCase()
  );
}

/** Contact fields never kept in an analytics projection (no analysis needs them). */
export const CONTACT_FIELDS = ['email', 'phone'] as const;

/** The coordinator's ratings of a person, which a municipality never receives. */
export const RATING_FIELDS = ['mind', 'skill', 'network'] as const;
