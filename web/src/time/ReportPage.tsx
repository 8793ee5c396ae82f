/**
 * 協議会資料 (`/report?region=…`, SPEC §12): a print-ready A4 report of one region — title,
 * date, region, the map as an image, the キーパーソン群 with reasons, gaps by severity, the top
 * suggestions, the outreach list and the change since the last survey wave. The print
 * stylesheet (styles.css @media print) drops the app's controls and fits A4; the button prints,
 * and the browser's "Save as PDF" gives the PDF. What it shows follows the role (analysts: the
 * persons who have not consented under their alias, as every answer of the server).
 */
import { useEffect, useState } from 'preact/hooks';
import { enumLabel, getLang, reasonText, t } from '../i18n';
import { useStore } from '../app/context';
import { formatPercent, formatScore } from '../format';
import { SURVEY_WAVES } from '../../../common/waves';
import { directionText, formatChange, formatMetric, label, todayIso } from './format';
import { mapImage, type ReportMapEdge, type ReportMapNode } from './mapImage';
import { PageBar } from './PageBar';
import { REPORT, type Comparison } from './queries';
import { useQuery } from './useQuery';

interface Reason {
  code: string;
  ja: string;
  en: string;
}
interface ReportData {
  me: { role: string };
  networkMap: { nodes: ReportMapNode[]; edges: ReportMapEdge[] };
  keyPersonGroup: Array<{
    personId: string;
    name: string;
    score: number;
    inGroup: boolean;
    reasons: Reason[];
  }>;
  networkGaps: Array<{
    id: string;
    kind: string;
    severity: number;
    explanationJa: string;
    explanationEn: string;
  }>;
  introductionSuggestions: Array<{
    id: string;
    fromName: string;
    toName: string;
    viaName: string | null;
    score: number;
    reasons: Reason[];
  }>;
  outreachPlan: Array<{
    smeId: string;
    smeName: string;
    priority: number;
    viaOrgName: string | null;
    viaPersonName: string | null;
    programmeJa: string;
    programmeEn: string;
  }>;
  compareNetworks: Omit<Comparison, 'difference'> & { difference: Comparison['difference'] };
}

/** The last survey wave before today: the report's "since" (interim waves, common/waves.ts). */
export function lastWave(today: string): string {
  const past = SURVEY_WAVES.filter((w) => w.date < today);
  return past.length > 0 ? past[past.length - 1]!.id : '2022-04-01';
}

export function ReportPage() {
  const store = useStore();
  const regionId = store.view.state.value.region;
  const lang = getLang();
  const today = todayIso();
  const answer = useQuery<ReportData>(
    REPORT,
    regionId ? { regionId, from: lastWave(today), to: today } : null,
  );
  const [img, setImg] = useState<string | null>(null);
  const data = 'data' in answer ? answer.data : null;
  useEffect(() => {
    if (!data) return;
    let live = true;
    void mapImage(data.networkMap.nodes, data.networkMap.edges).then((png) => live && setImg(png));
    return () => {
      live = false;
    };
  }, [data]);
  useEffect(() => {
    document.body.dataset.reportReady = data && img ? 'true' : 'false';
  }, [data, img]);
  const regionName = data?.compareNetworks.to.regionName ?? '';
  return (
    <div class="time-page">
      <PageBar current="report" regionId={regionId} />
      <div class="time-controls no-print">
        <button
          type="button"
          data-key="print"
          title={t('time.report.printHelp')}
          onClick={() => window.print()}
        >
          {t('time.report.print')}
        </button>
        <span class="hint">{t('time.report.printHelp')}</span>
      </div>
      {!regionId ? <p class="lead no-print">{t('region.help')}</p> : null}
      {'error' in answer ? (
        <p class="error" role="alert">
          {answer.error}
        </p>
      ) : null}
      {'loading' in answer && regionId ? <p class="no-print">{t('time.loading')}</p> : null}
      {data ? (
        <article class="report" data-key="report">
          <header class="report-head">
            <h1>{t('time.report.title', { region: regionName })}</h1>
            <p>
              {t('time.report.date', { date: today })} ・ {t('time.region')}: {regionName}
            </p>
            {data.me.role === 'analyst' ? (
              <p class="note">{t('time.report.pseudonymised')}</p>
            ) : null}
          </header>
          <section class="report-map">
            <h2>{t('time.report.map')}</h2>
            {img ? <img src={img} alt={t('time.report.map')} /> : <p>{t('time.loading')}</p>}
          </section>
          <section data-section="keyPersons">
            <h2>{t('time.report.keyPersons')}</h2>
            <List
              items={data.keyPersonGroup.filter((k) => k.inGroup)}
              render={(k) => (
                <>
                  <strong>{k.name}</strong>（{formatScore(k.score)}）:{' '}
                  {k.reasons.map((r) => reasonText(r)).join('／')}
                </>
              )}
            />
          </section>
          <section data-section="gaps">
            <h2>{t('time.report.gaps')}</h2>
            <List
              items={[...data.networkGaps].sort((a, b) => b.severity - a.severity).slice(0, 10)}
              render={(g) => (
                <>
                  <strong>{enumLabel('gapKind', g.kind)}</strong>（{t('time.report.severity')}{' '}
                  {formatPercent(g.severity)}）: {lang === 'ja' ? g.explanationJa : g.explanationEn}
                </>
              )}
            />
          </section>
          <section data-section="suggestions">
            <h2>{t('time.report.suggestions')}</h2>
            <List
              items={data.introductionSuggestions}
              render={(s) => (
                <>
                  <strong>
                    {s.fromName} → {s.toName}
                  </strong>{' '}
                  {s.viaName ? t('time.report.via', { via: s.viaName }) : t('time.report.cold')}:{' '}
                  {s.reasons.map((r) => reasonText(r)).join('／')}
                </>
              )}
            />
          </section>
          <section data-section="outreach">
            <h2>{t('time.report.outreach')}</h2>
            <List
              items={data.outreachPlan}
              render={(o) => (
                <>
                  <strong>{o.smeName}</strong>（{t('time.report.priority')}{' '}
                  {formatScore(o.priority)}）
                  {o.viaOrgName
                    ? ` ${t('time.report.through', { org: o.viaOrgName, person: o.viaPersonName ?? '—' })}`
                    : ''}
                  : {lang === 'ja' ? o.programmeJa : o.programmeEn}
                </>
              )}
            />
          </section>
          <section data-section="change">
            <h2>
              {t('time.report.change', {
                from: data.compareNetworks.from.wave
                  ? lang === 'ja'
                    ? data.compareNetworks.from.wave.nameJa
                    : data.compareNetworks.from.wave.nameEn
                  : data.compareNetworks.from.asOf,
              })}
            </h2>
            <p>
              {t('time.stage')}:{' '}
              {lang === 'ja'
                ? data.compareNetworks.from.stageJa
                : data.compareNetworks.from.stageEn}{' '}
              → {lang === 'ja' ? data.compareNetworks.to.stageJa : data.compareNetworks.to.stageEn}{' '}
              ・{' '}
              {t('time.diff.lead', {
                newTies: data.compareNetworks.difference.newTieCount,
                endedTies: data.compareNetworks.difference.endedTieCount,
                newPersons: data.compareNetworks.difference.newPersonCount,
                departed: data.compareNetworks.difference.departedPersonCount,
              })}
            </p>
            <table class="metric-table compact">
              <thead>
                <tr>
                  <th>{t('time.metric')}</th>
                  <th>{data.compareNetworks.from.asOf}</th>
                  <th>{data.compareNetworks.to.asOf}</th>
                  <th>{t('time.change')}</th>
                  <th>{t('time.direction')}</th>
                </tr>
              </thead>
              <tbody>
                {data.compareNetworks.changes
                  .filter((c) => c.key !== 'stageLevel')
                  .map((c) => (
                    <tr key={c.key}>
                      <th>{label(c, lang)}</th>
                      <td>{formatMetric(c.from, c.unit, lang)}</td>
                      <td>{formatMetric(c.to, c.unit, lang)}</td>
                      <td>{formatChange(c, lang)}</td>
                      <td class={`dir-${c.direction}`}>{directionText(c.direction)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        </article>
      ) : null}
    </div>
  );
}

function List<T>({ items, render }: { items: T[]; render: (item: T) => preact.ComponentChildren }) {
  if (items.length === 0) return <p>{t('time.report.none')}</p>;
  return (
    <ol>
      {items.map((item, i) => (
        <li key={i}>{render(item)}</li>
      ))}
    </ol>
  );
}
