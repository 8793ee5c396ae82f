/**
 * The frame every panel shares: the explanation of what it shows, its tools (a count, the CSV
 * button), and the answer it lists — loading, failed, empty, or the list. The five panels of
 * the side (and the lists that come, such as the introductions log) are made with it.
 */
import type { ComponentChildren } from 'preact';
import { useStore } from '../app/context';
import { csvFileName, toCsv, type Cell } from '../csv';
import { download } from '../download';
import { t } from '../i18n';
import type { Async } from '../store/resource';
import { AsyncStatus } from '../ui';

/** The CSV of a list: its file title, header and rows (made when the button is pressed). */
export interface CsvExport {
  title: string;
  header: string[];
  rows(): Cell[][];
}

/** A panel's body: an element every panel is in, for the styles and the focus. */
export function PanelBody({ children }: { children: ComponentChildren }) {
  return <section class="panel-body">{children}</section>;
}

export interface ListPanelProps<T> {
  /** What the panel shows and how to use it. */
  intro: string;
  data: Async<T[]>;
  /** Instead of the list (e.g. "choose a region first"). */
  notice?: string | null;
  csv?: CsvExport | null;
  /** Shown beside the CSV button once the list is there. */
  tools?: ComponentChildren;
  children(list: T[]): ComponentChildren;
}

export function ListPanel<T>(props: ListPanelProps<T>) {
  const store = useStore();
  const list = props.data.status === 'ok' ? props.data.value : [];
  if (props.notice) {
    return (
      <PanelBody>
        <p class="intro">{props.intro}</p>
        <p class="notice">{props.notice}</p>
      </PanelBody>
    );
  }
  const csv = props.csv;
  const exportCsv = () => {
    if (!csv) return;
    const blob = new Blob([toCsv(csv.header, csv.rows())], { type: 'text/csv;charset=utf-8' });
    download(blob, csvFileName(csv.title, store.regionLabel()));
  };
  return (
    <PanelBody>
      <div class="panel-head">
        <p class="intro">{props.intro}</p>
        <div class="panel-tools">
          {props.data.status === 'ok' ? props.tools : null}
          {csv && list.length ? (
            <button
              type="button"
              class="secondary"
              title={t('csv.export.help')}
              data-key="csv"
              onClick={exportCsv}
            >
              {t('csv.export')}
            </button>
          ) : null}
        </div>
      </div>
      {props.data.status !== 'ok' ? (
        <AsyncStatus data={props.data} />
      ) : list.length === 0 ? (
        <p class="muted">{t('common.none')}</p>
      ) : (
        props.children(list)
      )}
    </PanelBody>
  );
}

/** A person/organisation name that selects the node (shows it on the map and in 詳細). */
export function NodeButton({ id, name }: { id: string | null | undefined; name?: string | null }) {
  const store = useStore();
  const label = name || store.nameOf(id);
  if (!id || !store.graph.value?.nodeById.has(id)) return <span class="node-name">{label}</span>;
  return (
    <button
      type="button"
      class="link"
      data-key={`node:${id}`}
      onClick={() => store.actions.select(id, { panel: 'detail' })}
    >
      {label}
    </button>
  );
}
