/**
 * 推移・比較 (`/compare?region=…&from=…&to=…`): the network of a region at two dates or survey
 * waves — every metric with its change and whether that is better or worse, the difference as a
 * map (new and ended ties, new and departed people), and each metric over all dates.
 */
import { useEffect, useState } from 'preact/hooks';
import { getLang, t } from '../i18n';
import { useStore } from '../app/context';
import { DiffMap } from './DiffMap';
import { directionText, explanation, formatChange, formatMetric, label, todayIso } from './format';
import { PageBar } from './PageBar';
import { COMPARE, TREND, type Comparison, type NetworkMetrics } from './queries';
import { TrendChart, type TrendSeries } from './TrendChart';
import { keepParams, param, useQuery } from './useQuery';

/** The trend as one series per metric. */
export function trendSeries(points: NetworkMetrics[], lang: 'ja' | 'en'): TrendSeries[] {
  const first = points[0];
  if (!first) return [];
  return first.metrics.map((m) => ({
    key: m.key,
    label: label(m, lang),
    unit: m.unit,
    explanation: explanation(m, lang),
    dates: points.map((p) => p.asOf),
    values: points.map((p) => p.metrics.find((x) => x.key === m.key)?.value ?? null),
  }));
}

function pointLabel(p: NetworkMetrics, lang: 'ja' | 'en'): string {
  if (p.wave) return `${lang === 'ja' ? p.wave.nameJa : p.wave.nameEn}（${p.asOf}）`;
  return p.asOf === todayIso() ? `${t('time.today')}（${p.asOf}）` : p.asOf;
}

export function ComparePage() {
  const store = useStore();
  const regionId = store.view.state.value.region;
  const lang = getLang();
  const [from, setFrom] = useState(param('from') ?? 'wave:r4');
  const [to, setTo] = useState(param('to') ?? todayIso());
  useEffect(() => keepParams({ from, to }), [from, to, lang, regionId]);
  const trend = useQuery<{ networkTrend: NetworkMetrics[] }>(TREND, { regionId });
  const cmp = useQuery<{ compareNetworks: Comparison }>(COMPARE, { regionId, from, to });
  const points = 'data' in trend ? trend.data.networkTrend : [];
  const options = points.map((p) => ({
    value: p.wave ? p.wave.id : p.asOf,
    text: pointLabel(p, lang),
  }));
  const c = 'data' in cmp ? cmp.data.compareNetworks : null;
  return (
    <div class="time-page">
      <PageBar current="compare" regionId={regionId} />
      <main class="time-main">
        <h1>{t('time.compare.title', { region: c?.to.regionName ?? '…' })}</h1>
        <p class="lead">{t('time.compare.lead')}</p>
        <div class="time-controls no-print">
          <PointSelect
            label={t('time.from')}
            value={from}
            onChange={setFrom}
            options={options}
            k="from"
          />
          <PointSelect label={t('time.to')} value={to} onChange={setTo} options={options} k="to" />
        </div>
        {'error' in cmp ? (
          <p class="error" role="alert">
            {cmp.error}
          </p>
        ) : null}
        {'loading' in cmp ? <p>{t('time.loading')}</p> : null}
        {c ? <CompareTable c={c} lang={lang} /> : null}
        {c ? (
          <section>
            <h2>{t('time.diff.title')}</h2>
            <p data-key="diff-counts">
              {t('time.diff.lead', {
                newTies: c.difference.newTieCount,
                endedTies: c.difference.endedTieCount,
                newPersons: c.difference.newPersonCount,
                departed: c.difference.departedPersonCount,
              })}
            </p>
            <DiffMap diff={c.difference} />
          </section>
        ) : null}
        <section>
          <h2>{t('time.trend.title')}</h2>
          <p class="lead">{t('time.trend.lead')}</p>
          <div class="trend-grid">
            {trendSeries(points, lang).map((s) => (
              <TrendChart key={s.key} series={s} />
            ))}
          </div>
        </section>
      </main>
    </div>
  );
}

function PointSelect(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<{ value: string; text: string }>;
  k: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        data-key={props.k}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CompareTable({ c, lang }: { c: Comparison; lang: 'ja' | 'en' }) {
  return (
    <table class="metric-table" data-key="compare-table">
      <thead>
        <tr>
          <th>{t('time.metric')}</th>
          <th>{c.from.asOf}</th>
          <th>{c.to.asOf}</th>
          <th>{t('time.change')}</th>
          <th>{t('time.direction')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th>{t('time.stage')}</th>
          <td>{lang === 'ja' ? c.from.stageJa : c.from.stageEn}</td>
          <td>{lang === 'ja' ? c.to.stageJa : c.to.stageEn}</td>
          <td />
          <td />
        </tr>
        {c.changes
          .filter((x) => x.key !== 'stageLevel')
          .map((x) => {
            const def = c.to.metrics.find((m) => m.key === x.key);
            return (
              <tr key={x.key} data-metric={x.key}>
                <th title={def ? explanation(def, lang) : ''}>{label(x, lang)}</th>
                <td>{formatMetric(x.from, x.unit, lang)}</td>
                <td>{formatMetric(x.to, x.unit, lang)}</td>
                <td>{formatChange(x, lang)}</td>
                <td class={`dir-${x.direction}`}>{directionText(x.direction)}</td>
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}
