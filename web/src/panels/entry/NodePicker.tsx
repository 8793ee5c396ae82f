/** Picking nodes of the map by name, for the entry forms (kana, width and spaces folded). */
import { useState } from 'preact/hooks';
import { useStore } from '../../app/context';
import { enumLabel, t } from '../../i18n';
import { searchByName } from '../../search';

/** Picks nodes of the map by name (kana, width and spaces folded as the search does). */
export function NodePicker(props: {
  id: string;
  label: string;
  kinds: readonly string[];
  chosen: readonly string[];
  multiple?: boolean;
  exclude?: string;
  onChange(ids: string[]): void;
}) {
  const store = useStore();
  const [q, setQ] = useState('');
  const nodes = (store.graph.value?.nodes ?? []).filter(
    (n) => props.kinds.includes(n.kind) && n.id !== props.exclude && !props.chosen.includes(n.id),
  );
  const hits = q.trim() ? searchByName(nodes, q, 8) : [];
  const pick = (id: string) => {
    props.onChange(props.multiple ? [...props.chosen, id] : [id]);
    setQ('');
  };
  return (
    <div class="field picker" data-picker={props.id}>
      <label for={props.id}>{props.label}</label>
      {props.chosen.length ? (
        <p class="chips">
          {props.chosen.map((id) => (
            <span class="chip" key={id} data-chosen={id}>
              {store.nameOf(id)}
              <button
                type="button"
                class="link"
                aria-label={`${t('entry.remove')}: ${store.nameOf(id)}`}
                onClick={() => props.onChange(props.chosen.filter((c) => c !== id))}
              >
                ×
              </button>
            </span>
          ))}
        </p>
      ) : null}
      {props.multiple || props.chosen.length === 0 ? (
        <input
          id={props.id}
          type="search"
          value={q}
          placeholder={t('entry.pick')}
          autoComplete="off"
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits[0]) {
              e.preventDefault();
              pick(hits[0].id);
            }
          }}
        />
      ) : null}
      {q.trim() ? (
        <ul class="pick-list" role="listbox">
          {hits.length === 0 ? <li class="muted">{t('entry.pick.none')}</li> : null}
          {hits.map((n) => (
            <li key={n.id}>
              <button type="button" class="link" data-pick={n.id} onClick={() => pick(n.id)}>
                {n.name}
                <span class="muted small">{` ${enumLabel('nodeKind', n.kind)}`}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
