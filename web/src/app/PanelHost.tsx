/** The side of the page: the panel tabs (← → move between them) and the panel shown. */
import { t } from '../i18n';
import { Detail } from '../panels/Detail';
import { Gaps } from '../panels/Gaps';
import { Introductions } from '../panels/Introductions';
import { KeyPersons } from '../panels/KeyPersons';
import { Outreach } from '../panels/Outreach';
import { Suggestions } from '../panels/Suggestions';
import { PANELS, type PanelId } from '../store/state';
import { Boundary } from './Boundary';
import { useStore } from './context';

const PANEL_VIEWS: Record<PanelId, () => preact.JSX.Element> = {
  keyPersons: KeyPersons,
  gaps: Gaps,
  suggestions: Suggestions,
  introductions: Introductions,
  detail: Detail,
  outreach: Outreach,
};

export function PanelHost() {
  const store = useStore();
  const current = store.view.state.value.panel;
  const gaps = store.gaps.state.value;
  const suggestions = store.suggestions.state.value;
  const counts: Partial<Record<PanelId, number>> = {
    gaps: gaps.status === 'ok' ? gaps.value.length : undefined,
    suggestions: suggestions.status === 'ok' ? suggestions.value.length : undefined,
  };
  const Panel = PANEL_VIEWS[current];
  return (
    <section class="side">
      <div class="tabs" role="tablist" aria-label={t('panel.tabs')}>
        {PANELS.map((p, i) => (
          <button
            key={p}
            type="button"
            role="tab"
            id={`tab-${p}`}
            aria-selected={current === p ? 'true' : 'false'}
            aria-controls="panel"
            tabindex={current === p ? 0 : -1}
            data-panel={p}
            onClick={() => store.view.update({ panel: p })}
            onKeyDown={(e) => {
              const next =
                e.key === 'ArrowRight'
                  ? PANELS[(i + 1) % PANELS.length]
                  : e.key === 'ArrowLeft'
                    ? PANELS[(i + PANELS.length - 1) % PANELS.length]
                    : undefined;
              if (!next) return;
              e.preventDefault();
              store.view.update({ panel: next });
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {t(`panel.${p}`)}
            {counts[p] !== undefined ? <span class="count">{String(counts[p])}</span> : null}
          </button>
        ))}
      </div>
      <div
        class="panel"
        role="tabpanel"
        id="panel"
        tabindex={-1}
        aria-labelledby={`tab-${current}`}
      >
        <Boundary key={current}>
          <Panel />
        </Boundary>
      </div>
    </section>
  );
}
