/**
 * 8地域の比較 (`/regions?asOf=…`, SPEC §12): every region with a 地域の人事部 the account may read
 * — all eight for admins and analysts (関東経済産業局's 情報共有会), a coordinator's or a
 * municipality's own otherwise — in a sortable table (each heading explains its metric) and as
 * small multiples, with each dept's stage and phase; a region's name opens its map.
 */
import { useEffect, useState } from 'preact/hooks';
import { enumLabel, getLang, t } from '../i18n';
import { useStore } from '../app/context';
import { explanation, formatMetric, label, todayIso } from './format';
import { PageBar } from './PageBar';
import { OVERVIEW, type MetricValue, type RegionRow } from './queries';
import { keepParams, param, useQuery } from './useQuery';

type SortKey = 'region' | 'stage' | string;

function metricOf(r: RegionRow, key: string): MetricValue | undefined {
  return r.metrics?.metrics.find((m) => m.key === key);
}

export function sortRows(rows: RegionRow[], key: SortKey, desc: boolean): RegionRow[] {
  const value = (r: RegionRow): number | string => {
    if (key === 'region') return r.regionId;
    if (key === 'stage') return metricOf(r, 'stageLevel')?.value ?? -1;
    return metricOf(r, key)?.value ?? Number.NEGATIVE_INFINITY;
  };
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = x < y ? -1 : x > y ? 1 : a.regionId < b.regionId ? -1 : 1;
    return desc ? -c : c;
  });
}

export function RegionsPage() {
  const store = useStore();
  const lang = getLang();
  const [asOf, setAsOf] = useState(param('asOf') ?? todayIso());
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'region', desc: false });
  useEffect(() => keepParams({ asOf }), [asOf, lang]);
  const answer = useQuery<{ regionsOverview: RegionRow[] }>(OVERVIEW, { asOf });
  const rows = 'data' in answer ? answer.data.regionsOverview : [];
  const metrics = (rows[0]?.metrics?.metrics ?? []).filter((m) => m.key !== 'stageLevel');
  const sorted = sortRows(rows, sort.key, sort.desc);
  const name = (r: RegionRow) => (lang === 'en' && r.regionNameEn ? r.regionNameEn : r.regionName);
  const heading = (key: SortKey, text: string, title = '') => (
    <th
      title={title}
      aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        class="link"
        data-sort={key}
        onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'region' })}
      >
        {text}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <div class="time-page">
      <PageBar current="regions" regionId={store.view.state.value.region} />
      <main class="time-main wide">
        <h1>{t('time.regions.title', { date: asOf })}</h1>
        <p class="lead">{t('time.regions.lead')}</p>
        <div class="time-controls no-print">
          <label>
            {t('time.to')}{' '}
            <input
              type="date"
              value={asOf}
              max={todayIso()}
              data-key="asOf"
              onChange={(e) => e.currentTarget.value && setAsOf(e.currentTarget.value)}
            />
          </label>
        </div>
        {'error' in answer ? (
          <p class="error" role="alert">
            {answer.error}
          </p>
        ) : null}
        {'loading' in answer ? <p>{t('time.loading')}</p> : null}
        {rows.length > 0 ? (
          <div class="table-scroll">
            <table class="metric-table regions" data-key="regions-table">
              <thead>
                <tr>
                  {heading('region', t('time.region'))}
                  <th>{t('time.regions.dept')}</th>
                  <th>{t('time.phase')}</th>
                  {heading(
                    'stage',
                    t('time.stage'),
                    metricOf(rows[0]!, 'stageLevel')
                      ? explanation(metricOf(rows[0]!, 'stageLevel')!, lang)
                      : '',
                  )}
                  {metrics.map((m) => heading(m.key, label(m, lang), explanation(m, lang)))}
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr key={r.regionId} data-region={r.regionId}>
                    <th>
                      <a
                        href={`/?region=${encodeURIComponent(r.regionId)}${lang === 'en' ? '&lang=en' : ''}`}
                      >
                        {name(r)}
                      </a>
                    </th>
                    <td>{r.deptName}</td>
                    <td>{enumLabel('deptPhase', r.phase)}</td>
                    <td>{lang === 'ja' ? r.metrics?.stageJa : r.metrics?.stageEn}</td>
                    {metrics.map((m) => {
                      const v = metricOf(r, m.key);
                      return <td key={m.key}>{formatMetric(v?.value ?? null, m.unit, lang)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {rows.length > 0 ? (
          <section>
            <h2>{t('time.regions.multiples')}</h2>
            <div class="multiples">
              {metrics.map((m) => (
                <Multiple key={m.key} metric={m} rows={rows} name={name} lang={lang} />
              ))}
            </div>
          </section>
        ) : null}
      </main>
    </div>
  );
}

function Multiple({
  metric,
  rows,
  name,
  lang,
}: {
  metric: MetricValue;
  rows: RegionRow[];
  name: (r: RegionRow) => string;
  lang: 'ja' | 'en';
}) {
  const values = rows.map((r) => metricOf(r, metric.key)?.value ?? null);
  const max = Math.max(metric.unit === 'share' ? 1 : 0, ...values.map((v) => v ?? 0)) || 1;
  const rowH = 16;
  return (
    <figure class="multiple" data-metric={metric.key}>
      <figcaption title={explanation(metric, lang)}>{label(metric, lang)}</figcaption>
      <svg width="240" height={rows.length * rowH + 4} role="img" aria-label={label(metric, lang)}>
        {rows.map((r, i) => {
          const v = values[i] ?? null;
          const w = v === null ? 0 : Math.max(1, (v / max) * 120);
          return (
            <g key={r.regionId} transform={`translate(0 ${i * rowH + 2})`}>
              <text x="0" y="11" font-size="10">
                {name(r)}
              </text>
              <rect x="70" y="2" width={w} height="10" fill="#0b57d0" />
              <text x={74 + w} y="11" font-size="10">
                {formatMetric(v, metric.unit, lang)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
