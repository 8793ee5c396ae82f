/**
 * Search by name: the matches as a list under the input; ↓/↑ move through them, Enter takes the
 * first, Esc closes. Choosing one selects it (and shows its kind on the map if it was hidden).
 */
import { useRef, useState } from 'preact/hooks';
import { enumLabel, t } from '../i18n';
import { searchByName } from '../search';
import type { MapNodeKind } from '../store/state';
import { useStore } from './context';

export function Search() {
  const store = useStore();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const nodes = store.graph.value?.nodes ?? [];
  const hits = open && query.trim() !== '' ? searchByName(nodes, query, 12) : [];
  const button = (li: Element | null | undefined) =>
    li?.querySelector<HTMLButtonElement>('button') ?? null;
  const choose = (id: string, kind: MapNodeKind) => {
    setOpen(false);
    const kinds = store.view.get().kinds;
    // A hidden kind is shown, so the chosen node is on the map.
    store.view.update({
      selected: id,
      panel: 'detail',
      kinds: kinds.includes(kind) ? kinds : [...kinds, kind],
    });
  };
  return (
    <div class="search">
      <label for="search">{t('search.label')}</label>
      <input
        ref={input}
        id="search"
        type="search"
        placeholder={t('search.placeholder')}
        autocomplete="off"
        title={t('search.help')}
        aria-controls="search-results"
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') button(list.current?.firstElementChild)?.focus();
          else if (e.key === 'Enter') button(list.current?.firstElementChild)?.click();
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      <ul
        ref={list}
        class="search-results"
        role="listbox"
        id="search-results"
        hidden={!open || query.trim() === ''}
      >
        {hits.length === 0 ? <li class="muted">{t('search.none')}</li> : null}
        {hits.map((n) => (
          <li key={n.id} role="option">
            <button
              type="button"
              onClick={() => choose(n.id, n.kind)}
              onKeyDown={(e) => {
                const li = e.currentTarget.parentElement!;
                if (e.key === 'ArrowDown') button(li.nextElementSibling)?.focus();
                else if (e.key === 'ArrowUp')
                  (button(li.previousElementSibling) ?? input.current)?.focus();
                else if (e.key === 'Escape') input.current?.focus();
                else return;
                e.preventDefault();
              }}
            >
              {n.name}
              <span class="muted small">{` ${enumLabel('nodeKind', n.kind)}`}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
