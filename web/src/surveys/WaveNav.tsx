/**
 * Where the coordinator's つながり調査 pages are (`/waves`, `?new=1`, `?id=wave:…`): the place as
 * a value and as a link, the way back to the list, and the label of a wave's state.
 */
import { getLang, t, type PlainKey } from '../i18n';
import { param } from '../time/useQuery';
import type { Wave } from './queries';

/** Where on the page: the list, a new wave, or one wave. */
export type At = { at: 'list' } | { at: 'new' } | { at: 'wave'; id: string };

export function atOfLocation(): At {
  const id = param('id');
  if (id) return { at: 'wave', id };
  return param('new') === '1' ? { at: 'new' } : { at: 'list' };
}

export function hrefOf(at: At): string {
  const p = new URLSearchParams();
  if (at.at === 'wave') p.set('id', at.id);
  if (at.at === 'new') p.set('new', '1');
  if (getLang() === 'en') p.set('lang', 'en');
  const q = p.toString();
  return `/waves${q ? `?${q}` : ''}`;
}

export const stateKey = (s: Wave['state']) => `waves.state.${s}` as PlainKey;

export function BackToList({ go }: { go: (at: At) => void }) {
  return (
    <p>
      <a
        class="back"
        href={hrefOf({ at: 'list' })}
        data-key="waves-back"
        onClick={(e) => {
          e.preventDefault();
          go({ at: 'list' });
        }}
      >
        {t('waves.backToList')}
      </a>
    </p>
  );
}
