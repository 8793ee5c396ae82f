/**
 * 紹介の提案: who to introduce to whom, through whom, and why. Choosing one shows the route
 * from → via → to on the map; the buttons record the outcome (recordIntroduction). A pair
 * already recorded as accepted (the introductions log) shows 承諾済み and moves that
 * introduction on (紹介済み, 見送り) instead of recording another.
 */
import { useState } from 'preact/hooks';
import { useStore } from '../app/context';
import { canWrite } from '../auth';
import { formatScore } from '../format';
import { enumLabel, reasonText, t, type PlainKey } from '../i18n';
import type { GapKind, IntroductionSuggestion, RecordedStatus } from '../types';
import { Metric, Score } from '../ui';
import { Reasons } from './KeyPersons';
import { latestByPair, pairKey } from '../introductions/log';
import { moveIntroduction } from './Introductions';
import { ListPanel, NodeButton } from './ListPanel';
import { workplaces } from './workplaces';

const OUTCOMES: Array<{
  status: RecordedStatus;
  label: PlainKey;
  help: PlainKey;
  cls: string;
}> = [
  { status: 'accepted', label: 'sug.accept', help: 'sug.accept.help', cls: 'secondary' },
  { status: 'made', label: 'sug.made', help: 'sug.made.help', cls: 'primary' },
  { status: 'declined', label: 'sug.decline', help: 'sug.decline.help', cls: 'secondary' },
];

export function routeText(s: IntroductionSuggestion): string {
  const via = s.viaId
    ? t('sug.via', { name: s.viaName ?? t('common.unknownName') })
    : t('sug.cold');
  return `${s.fromName} → ${s.toName}（${via}）`;
}

export function Suggestions() {
  const store = useStore();
  const data = store.suggestions.state.value;
  const gaps = store.gaps.state.value;
  const gapsById = new Map((gaps.status === 'ok' ? gaps.value : []).map((g) => [g.id, g]));
  const o = store.view.state.value.overlay;
  const current = o?.type === 'suggestion' ? o.id : null;
  /** The kinds of the gaps a suggestion closes (those in the gap list). */
  const closedKinds = (s: IntroductionSuggestion): GapKind[] => [
    ...new Set(s.closes.flatMap((id) => gapsById.get(id)?.kind ?? [])),
  ];
  return (
    <ListPanel
      intro={t('sug.intro')}
      data={data}
      csv={{
        title: t('panel.suggestions'),
        header: [
          '#',
          enumLabel('relType', 'FROM'),
          enumLabel('relType', 'VIA'),
          enumLabel('relType', 'TO'),
          t('sug.score'),
          t('sug.gapValue'),
          t('sug.feasibility'),
          t('sug.fit'),
          t('sug.closes'),
          t('kp.reasons'),
        ],
        rows: () =>
          (data.status === 'ok' ? data.value : []).map((s, i) => [
            i + 1,
            s.fromName,
            s.viaName ?? t('sug.cold'),
            s.toName,
            formatScore(s.score),
            formatScore(s.gapValue),
            formatScore(s.feasibility),
            formatScore(s.fit),
            closedKinds(s)
              .map((k) => enumLabel('gapKind', k))
              .join('、'),
            s.reasons.map((r) => reasonText(r)).join(' / '),
          ]),
      }}
    >
      {(list) => (
        <ol class="items">
          {list.map((s) => (
            <SuggestionItem key={s.id} s={s} current={s.id === current} closes={closedKinds(s)} />
          ))}
        </ol>
      )}
    </ListPanel>
  );
}

function SuggestionItem({
  s,
  current,
  closes,
}: {
  s: IntroductionSuggestion;
  current: boolean;
  closes: GapKind[];
}) {
  const store = useStore();
  const me = store.me.value;
  const [recording, setRecording] = useState(false);
  // An introduction of this pair already recorded as accepted: it moves on from there.
  const log = store.introductions.state.value;
  const latest =
    log.status === 'ok' ? latestByPair(log.value).get(pairKey(s.fromId, s.toId)) : null;
  const accepted = latest?.status === 'accepted' ? latest : null;
  /** Where a person works (the names of their WORKS_AT on the map), as 「（…）」. */
  const worksAt = (id: string) => {
    const at = workplaces(store.graph.value?.edges ?? [], id, store.nameOf);
    return at.length ? <span class="muted small works-at">{`（${at.join('・')}）`}</span> : null;
  };
  return (
    <li class={`item${current ? ' current' : ''}`} data-suggestion-id={s.id}>
      <button
        type="button"
        class="item-main"
        aria-pressed={current ? 'true' : 'false'}
        data-key={`sug:${s.id}`}
        onClick={() => store.actions.show(current ? null : { type: 'suggestion', id: s.id })}
      >
        <span class="item-title route">
          <span class="who">{s.fromName}</span>
          {worksAt(s.fromId)}
          <span class="arrow" aria-hidden="true">
            {' → '}
          </span>
          {s.viaId ? (
            <>
              <span class="via">
                {t('sug.via', { name: s.viaName ?? t('common.unknownName') })}
              </span>
              <span class="arrow" aria-hidden="true">
                {' → '}
              </span>
            </>
          ) : (
            <span class="via cold">{`（${t('sug.cold')}）→ `}</span>
          )}
          <span class="who">{s.toName}</span>
          {worksAt(s.toId)}
        </span>
        <span class="metrics">
          <Score label={t('sug.score')} value={s.score} help={t('sug.score.help')} />
          <Metric
            label={t('sug.gapValue')}
            value={formatScore(s.gapValue)}
            help={t('sug.gapValue.help')}
          />
          <Metric
            label={t('sug.feasibility')}
            value={formatScore(s.feasibility)}
            help={t('sug.feasibility.help')}
          />
          <Metric label={t('sug.fit')} value={formatScore(s.fit)} help={t('sug.fit.help')} />
          <Metric
            label={t('sug.closes')}
            value={
              closes.length
                ? closes.map((k) => enumLabel('gapKind', k)).join('、')
                : String(s.closes.length)
            }
            help={t('sug.closes.help')}
          />
        </span>
      </button>
      <Reasons reasons={s.reasons} />
      {current ? (
        <div class="involved">
          <NodeButton id={s.fromId} name={s.fromName} />
          {s.viaId ? <NodeButton id={s.viaId} name={s.viaName} /> : null}
          <NodeButton id={s.toId} name={s.toName} />
        </div>
      ) : null}
      {accepted ? (
        <p class="recorded" title={t('intro.accepted.help')}>
          <span class="badge status-accepted" data-key={`accepted:${s.id}`}>
            {t('intro.accepted.badge')}
          </span>
          {accepted.note ? <span class="muted small">{` ${accepted.note}`}</span> : null}
        </p>
      ) : null}
      {/* Recording is for accounts that may write (the server refuses the others anyway). */}
      {(!me || canWrite(me)) && accepted ? (
        <div class="actions" role="group" aria-label={routeText(s)}>
          {(['made', 'declined'] as const).map((status) => (
            <button
              key={status}
              type="button"
              class={status === 'made' ? 'primary' : 'secondary'}
              title={t(status === 'made' ? 'sug.made.help' : 'sug.decline.help')}
              data-key={`rec:${s.id}:${status}`}
              data-status={status}
              disabled={recording}
              onClick={() => {
                setRecording(true);
                void moveIntroduction(store, accepted, { status }).finally(() =>
                  setRecording(false),
                );
              }}
            >
              {t(status === 'made' ? 'sug.made' : 'sug.decline')}
            </button>
          ))}
        </div>
      ) : !me || canWrite(me) ? (
        <div class="actions" role="group" aria-label={routeText(s)}>
          {OUTCOMES.map((o) => (
            <button
              key={o.status}
              type="button"
              class={o.cls}
              title={t(o.help)}
              data-key={`rec:${s.id}:${o.status}`}
              data-status={o.status}
              disabled={recording}
              onClick={() => {
                setRecording(true);
                void store.actions.record(s, o.status).finally(() => setRecording(false));
              }}
            >
              {t(o.label)}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}
