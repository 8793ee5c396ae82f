/**
 * Finding people on a roster by name or フリガナ as typed (kana and width folded: web/src/search.ts,
 * common/fold.ts), or by browsing the whole list: the survey form's two roster questions and the
 * coordinator's roster picker use it. What a row offers is the caller's (`row`).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { searchByName } from '../search';

export interface RosterPerson {
  personId: string;
  name: string;
  nameKana: string | null;
}

/** The persons matching a query, best first (the whole roster, in its order, for an empty one). */
export function rosterMatches<P extends RosterPerson>(
  roster: readonly P[],
  query: string,
  limit: number,
): P[] {
  if (query.trim() === '') return roster.slice(0, limit);
  const items = roster.map((p) => ({ id: p.personId, name: p.name, nameKana: p.nameKana, p }));
  return searchByName(items, query, limit).map((i) => i.p);
}

export function RosterSearch<P extends RosterPerson>({
  id,
  roster,
  label,
  row,
  limit = 30,
}: {
  id: string;
  roster: readonly P[];
  label: string;
  /** What one found person shows (their name, buttons). */
  row: (p: P) => ComponentChildren;
  limit?: number;
}) {
  const [query, setQuery] = useState('');
  const [browse, setBrowse] = useState(false);
  const shown = query.trim() !== '' || browse;
  const hits = shown ? rosterMatches(roster, query, browse && !query.trim() ? 10_000 : limit) : [];
  return (
    <div class="roster-search" data-roster={id}>
      <label for={id} class="roster-label">
        {label}
      </label>
      <input
        id={id}
        type="search"
        autocomplete="off"
        enterkeyhint="search"
        placeholder={t('survey.search.placeholder')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <button
        type="button"
        class="link browse"
        data-key={`${id}-browse`}
        aria-expanded={browse}
        onClick={() => setBrowse(!browse)}
      >
        {browse ? t('survey.search.hideAll') : t('survey.search.showAll', { n: roster.length })}
      </button>
      {shown ? (
        hits.length === 0 ? (
          <p class="muted" role="status">
            {t('survey.search.none')}
          </p>
        ) : (
          <ul class="roster-hits" aria-label={label}>
            {hits.map((p) => (
              <li key={p.personId} data-person={p.personId}>
                {row(p)}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

/** A person's name with their フリガナ under it (small). */
export function PersonName({ p }: { p: RosterPerson }) {
  return (
    <span class="person-name">
      <span class="name">{p.name}</span>
      {p.nameKana ? <span class="kana">{p.nameKana}</span> : null}
    </span>
  );
}
