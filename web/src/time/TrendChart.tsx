/**
 * One metric over time as a small line chart (uPlot: canvas, no eval, no inline <style>, so it
 * runs under the strict CSP; docs/decisions.md). Dates on the x axis, the value on the y axis;
 * the points are labelled with the value underneath for screen readers.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getLang } from '../i18n';
import { formatMetric } from './format';

export interface TrendSeries {
  key: string;
  label: string;
  unit: string;
  explanation: string;
  /** ISO dates, oldest first. */
  dates: string[];
  values: Array<number | null>;
}

const toSeconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

export function TrendChart({
  series,
  width = 260,
  height = 150,
}: {
  series: TrendSeries;
  width?: number;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const lang = getLang();
  useEffect(() => {
    if (!host.current) return;
    const data: uPlot.AlignedData = [series.dates.map(toSeconds), series.values];
    const plot = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true } },
        axes: [
          {
            values: (_u, splits) => splits.map((s) => new Date(s * 1000).toISOString().slice(0, 7)),
          },
          {
            values: (_u, splits) => splits.map((v) => formatMetric(v, series.unit, lang)),
            size: 48,
          },
        ],
        series: [{}, { stroke: '#0b57d0', width: 2, points: { size: 6, fill: '#0b57d0' } }],
      },
      data,
      host.current,
    );
    return () => plot.destroy();
  }, [series, width, height, lang]);
  return (
    <figure class="trend" data-metric={series.key}>
      <figcaption title={series.explanation}>{series.label}</figcaption>
      <div ref={host} />
      <p class="sr-only">
        {series.dates
          .map((d, i) => `${d}: ${formatMetric(series.values[i] ?? null, series.unit, lang)}`)
          .join(', ')}
      </p>
    </figure>
  );
}
