/** キーパーソン群: ranked persons with their metrics and the reasons they are there. */
import { useStore } from '../app/context';
import { formatCount, formatScore } from '../format';
import { getLang, reasonText, t } from '../i18n';
import type { KeyPersonScore } from '../types';
import { Metric, Score } from '../ui';
import { ListPanel, NodeButton } from './ListPanel';

export function KeyPersons() {
  const store = useStore();
  const data = store.keyPersons.state.value;
  const selected = store.view.state.value.selected;
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const rows = (list: KeyPersonScore[]) =>
    list.map((k, i) => [
      i + 1,
      k.name,
      yesNo(k.inGroup),
      yesNo(k.declared),
      formatScore(k.score),
      formatScore(k.betweenness),
      formatScore(1 - k.constraint),
      k.reach,
      formatScore(k.assessed),
      k.reasons.map((r) => reasonText(r)).join(' / '),
    ]);
  return (
    <ListPanel
      intro={t('kp.intro')}
      data={data}
      csv={{
        title: t('panel.keyPersons'),
        header: [
          t('kp.rank'),
          t('kp.name'),
          t('kp.inGroup'),
          t('kp.declared'),
          t('kp.score'),
          t('kp.betweenness'),
          t('kp.brokerage'),
          t('kp.reach'),
          t('kp.assessed'),
          t('kp.reasons'),
        ],
        rows: () => rows(data.status === 'ok' ? data.value : []),
      }}
    >
      {(list) => (
        <ol class="items">
          {list.map((k, i) => (
            <li key={k.personId} class={`item${selected === k.personId ? ' current' : ''}`}>
              <div class="item-title">
                <span class="rank" title={t('kp.rank')}>{`${i + 1}`}</span>
                <NodeButton id={k.personId} name={k.name} />
                {k.inGroup ? (
                  <span class="badge gold" title={t('kp.inGroup.help')}>
                    {t('kp.inGroup')}
                  </span>
                ) : null}
                {k.declared ? (
                  <span class="badge" title={t('kp.declared.help')}>
                    {`★ ${t('kp.declared')}`}
                  </span>
                ) : null}
              </div>
              <div class="metrics">
                <Score label={t('kp.score')} value={k.score} help={t('kp.score.help')} />
                <Metric
                  label={t('kp.betweenness')}
                  value={formatScore(k.betweenness)}
                  help={t('kp.betweenness.help')}
                />
                <Metric
                  label={t('kp.brokerage')}
                  value={formatScore(1 - k.constraint)}
                  help={t('kp.brokerage.help')}
                />
                <Metric
                  label={t('kp.reach')}
                  value={t('kp.reach.value', { n: formatCount(k.reach, getLang()) })}
                  help={t('kp.reach.help')}
                />
                <Metric
                  label={t('kp.assessed')}
                  value={formatScore(k.assessed)}
                  help={t('kp.assessed.help')}
                />
              </div>
              <Reasons reasons={k.reasons} />
            </li>
          ))}
        </ol>
      )}
    </ListPanel>
  );
}

/** The reasons an entry is there, as a list a coordinator can read aloud. */
export function Reasons({
  reasons,
  label = true,
}: {
  reasons: ReadonlyArray<{ code?: string; ja?: string | null; en?: string | null }>;
  label?: boolean;
}) {
  if (reasons.length === 0) return null;
  return (
    <ul class="reasons" aria-label={label ? t('kp.reasons') : undefined}>
      {reasons.map((r, i) => (
        <li key={i}>{reasonText(r)}</li>
      ))}
    </ul>
  );
}
