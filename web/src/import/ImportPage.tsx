/**
 * The import page (`/import`, SPEC §10 "Web import"): a coordinator or administrator drops an
 * .xlsx workbook, CSV files (UTF-8, BOM, Shift_JIS) or a folder of them; the page shows at once
 * what would change — created / updated / unchanged per kind — and every bad row (file or sheet,
 * row, column, reason) and likely duplicate, and writes only on 「取り込む」, in one transaction
 * with its progress. Templates and a region's export download from here.
 */
import { useState } from 'preact/hooks';
import type { ImportAnswer, ImportRowError } from '../../../common/importAnswer';
import { MAX_UPLOAD_BYTES } from '../../../common/importAnswer';
import { friendly } from '../api';
import { canWrite } from '../auth';
import { useStore } from '../app/context';
import { Header } from '../app/Header';
import { formatCount } from '../format';
import { enumLabel, getLang, isMessageKey, t, type MessageKey } from '../i18n';
import { valueOf } from '../store/resource';
import { commitImport, previewImport, type UploadFile } from './api';
import { fieldLabel } from '../forms/messages';
import { filesOfDrop, filesOfInput, totalBytes } from './files';

type Phase =
  | { at: 'idle' }
  | { at: 'checking' }
  | { at: 'preview'; answer: ImportAnswer }
  | { at: 'committing'; answer: ImportAnswer; done: number; total: number; phase: string }
  | { at: 'done'; answer: ImportAnswer }
  | { at: 'failed'; message: string };

const mb = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** A column as the page names it: its label (the form's) and its field name. */
function columnText(name: string): string {
  if (!name) return '';
  const label = fieldLabel(name);
  return label && label !== name ? `${label}（${name}）` : name;
}

export function ImportPage() {
  const store = useStore();
  const me = store.me.value;
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [over, setOver] = useState(false);

  const check = async (chosen: UploadFile[]) => {
    setFiles(chosen);
    if (chosen.length === 0) return setPhase({ at: 'idle' });
    const bytes = totalBytes(chosen);
    if (bytes > MAX_UPLOAD_BYTES) {
      return setPhase({
        at: 'failed',
        message: t('import.tooLarge', { size: mb(bytes), max: mb(MAX_UPLOAD_BYTES) }),
      });
    }
    setPhase({ at: 'checking' });
    try {
      setPhase({ at: 'preview', answer: await previewImport(chosen) });
    } catch (err) {
      setPhase({ at: 'failed', message: friendly(err) });
    }
  };

  const confirm = async (answer: ImportAnswer) => {
    setPhase({ at: 'committing', answer, done: 0, total: 1, phase: 'validate' });
    try {
      const result = await commitImport(files, (p) =>
        setPhase({ at: 'committing', answer, done: p.done, total: p.total, phase: p.phase }),
      );
      if (result.errors.length > 0) setPhase({ at: 'preview', answer: result });
      else setPhase({ at: 'done', answer: result });
    } catch (err) {
      setPhase({ at: 'failed', message: friendly(err) });
    }
  };

  if (me && !canWrite(me)) {
    return (
      <>
        <Header />
        <main class="import-page">
          <h2>{t('import.title')}</h2>
          <p class="notice" role="alert">
            {t('import.readOnly')}
          </p>
        </main>
      </>
    );
  }

  const busy = phase.at === 'checking' || phase.at === 'committing';
  return (
    <>
      <Header />
      <main class="import-page" data-phase={phase.at}>
        <div class="import-head">
          <h2>{t('import.title')}</h2>
          <a class="back" href="/" data-key="import-back">
            {t('import.backToMap')}
          </a>
        </div>
        <p class="lead">{t('import.lead')}</p>
        <Downloads />
        <label
          class={`drop${over ? ' over' : ''}`}
          data-key="import-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            if (busy || !e.dataTransfer) return;
            void filesOfDrop(e.dataTransfer).then(check);
          }}
        >
          <span class="drop-title">{t('import.drop')}</span>
          <span class="drop-help">{t('import.dropHelp', { max: mb(MAX_UPLOAD_BYTES) })}</span>
          <input
            type="file"
            multiple
            accept=".xlsx,.csv,.json"
            data-key="import-files"
            disabled={busy}
            onChange={(e) => {
              void check(filesOfInput(e.currentTarget.files));
              e.currentTarget.value = '';
            }}
          />
        </label>
        <p class="folder">
          <label>
            {t('import.folder')}{' '}
            <input
              type="file"
              multiple
              data-key="import-folder"
              disabled={busy}
              {...{ webkitdirectory: '' }}
              onChange={(e) => {
                void check(filesOfInput(e.currentTarget.files));
                e.currentTarget.value = '';
              }}
            />
          </label>
        </p>
        {files.length > 0 ? (
          <p class="chosen" data-key="import-chosen">
            {t('import.chosen', {
              n: formatCount(files.length, getLang()),
              size: mb(totalBytes(files)),
            })}{' '}
            {files.map((f) => f.name).join('、')}
          </p>
        ) : null}
        <Status phase={phase} onConfirm={confirm} />
      </main>
    </>
  );
}

function Downloads() {
  const store = useStore();
  const regions = valueOf(store.regions.state.value) ?? [];
  const current = store.view.state.value.region;
  const [region, setRegion] = useState<string>(current ?? regions[0]?.id ?? '');
  const chosen = region || regions[0]?.id || '';
  return (
    <div class="downloads">
      <a
        href="/api/import/template.xlsx"
        download
        data-key="import-template"
        title={t('import.template.help')}
      >
        {t('import.template')}
      </a>
      <span class="export">
        <label for="export-region">{t('import.export')}</label>
        <select
          id="export-region"
          value={chosen}
          onChange={(e) => setRegion(e.currentTarget.value)}
        >
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {store.regionName(r)}
            </option>
          ))}
        </select>
        <a
          href={`/api/export/region.xlsx?regionId=${encodeURIComponent(chosen)}`}
          download
          data-key="import-export"
          title={t('import.export.help')}
        >
          {t('import.export.download')}
        </a>
      </span>
    </div>
  );
}

function Status({ phase, onConfirm }: { phase: Phase; onConfirm: (a: ImportAnswer) => void }) {
  switch (phase.at) {
    case 'idle':
      return null;
    case 'checking':
      return (
        <p class="progress-line" role="status">
          <span class="spinner" aria-hidden="true" /> {t('import.checking')}
        </p>
      );
    case 'failed':
      return (
        <p class="notice error" role="alert" data-key="import-failed">
          {phase.message}
        </p>
      );
    case 'committing': {
      const pct = phase.total > 0 ? Math.floor((100 * phase.done) / phase.total) : 0;
      return (
        <div class="import-progress" role="status" data-key="import-progress">
          <p>{t('import.writing', { pct: String(pct) })}</p>
          <progress max={100} value={pct} />
        </div>
      );
    }
    case 'done':
      return (
        <section class="import-result" role="status" data-key="import-done">
          <h3>{t('import.done')}</h3>
          <Counts answer={phase.answer} />
          <a href="/" class="button primary">
            {t('import.backToMap')}
          </a>
        </section>
      );
    case 'preview':
      return <Preview answer={phase.answer} onConfirm={onConfirm} />;
  }
}

function Preview({
  answer,
  onConfirm,
}: {
  answer: ImportAnswer;
  onConfirm: (a: ImportAnswer) => void;
}) {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const writes = sum(answer.created) + sum(answer.updated);
  const bad = answer.errors.length;
  return (
    <section class="import-preview" data-key="import-preview">
      <h3>{t('import.preview')}</h3>
      <FilesRead answer={answer} />
      <Counts answer={answer} />
      {bad > 0 ? (
        <>
          <p class="notice error" role="alert" data-key="import-errors-note">
            {t('import.errorsNote', { n: formatCount(bad, getLang()) })}
          </p>
          <Errors errors={answer.errors} />
        </>
      ) : null}
      {answer.duplicates.length > 0 ? <Duplicates answer={answer} /> : null}
      {bad === 0 ? (
        writes === 0 ? (
          <p class="notice" data-key="import-nothing">
            {t('import.nothing')}
          </p>
        ) : (
          <p>
            <button
              type="button"
              class="primary"
              data-key="import-confirm"
              onClick={() => onConfirm(answer)}
            >
              {t('import.confirm', { n: formatCount(writes, getLang()) })}
            </button>{' '}
            <span class="muted">{t('import.confirm.help')}</span>
          </p>
        )
      ) : null}
    </section>
  );
}

function kindLabel(target: string): string {
  if (target === 'dataset') return 'JSON';
  const node = enumLabel('nodeKind', target);
  if (node && node !== 'その他' && node !== 'Other') return `${node}（${target}）`;
  const rel = enumLabel('relType', target);
  return rel && rel !== 'その他' && rel !== 'Other' ? `${rel}（${target}）` : target;
}

function FilesRead({ answer }: { answer: ImportAnswer }) {
  if (answer.files.length === 0 && answer.skipped.length === 0) return null;
  return (
    <details class="files-read" open={answer.files.length <= 6}>
      <summary>{t('import.filesRead', { n: formatCount(answer.files.length, getLang()) })}</summary>
      <ul>
        {answer.files.map((f) => (
          <li key={`${f.file}|${f.sheet ?? ''}`}>
            {f.sheet !== undefined ? `${f.file} › ${f.sheet}` : f.file}: {kindLabel(f.target)}、
            {t('import.rows', { n: formatCount(f.rows, getLang()) })}（{encodingText(f.encoding)}）
          </li>
        ))}
        {answer.skipped.map((s) => (
          <li key={s} class="muted">
            {t('import.skipped', { name: s })}
          </li>
        ))}
      </ul>
    </details>
  );
}

function encodingText(e: string): string {
  const key = `import.enc.${e}`;
  return isMessageKey(key) ? t(key as MessageKey, {} as never) : e;
}

function Counts({ answer }: { answer: ImportAnswer }) {
  const kinds = [
    ...new Set([
      ...Object.keys(answer.created),
      ...Object.keys(answer.updated),
      ...Object.keys(answer.unchanged),
    ]),
  ];
  if (kinds.length === 0) return null;
  const l = getLang();
  return (
    <table class="import-counts" data-key="import-counts">
      <caption>{t(answer.dryRun ? 'import.counts.would' : 'import.counts.did')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.col.kind')}</th>
          <th scope="col" title={t('import.col.created.help')}>
            {t('import.col.created')}
          </th>
          <th scope="col" title={t('import.col.updated.help')}>
            {t('import.col.updated')}
          </th>
          <th scope="col" title={t('import.col.unchanged.help')}>
            {t('import.col.unchanged')}
          </th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((k) => (
          <tr key={k} data-kind={k}>
            <th scope="row">{kindLabel(k)}</th>
            <td>{formatCount(answer.created[k] ?? 0, l)}</td>
            <td>{formatCount(answer.updated[k] ?? 0, l)}</td>
            <td>{formatCount(answer.unchanged[k] ?? 0, l)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A row problem in the page's language when the server gave its code; its own words besides. */
function reasonOf(e: ImportRowError): string {
  const key = e.code ? `val.${e.code}` : '';
  if (key && isMessageKey(key)) {
    const text = t(
      key as MessageKey,
      {
        min: e.min === undefined ? '' : String(e.min),
        max: e.max === undefined ? '' : String(e.max),
      } as never,
    );
    return `${text}（${e.reason}）`;
  }
  return e.reason;
}

function Errors({ errors }: { errors: ImportRowError[] }) {
  const shown = errors.slice(0, 500);
  return (
    <table class="import-errors" data-key="import-errors">
      <caption>{t('import.errors')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.col.file')}</th>
          <th scope="col">{t('import.col.sheet')}</th>
          <th scope="col">{t('import.col.row')}</th>
          <th scope="col">{t('import.col.column')}</th>
          <th scope="col">{t('import.col.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((e, i) => (
          <tr key={i}>
            <td>{e.file}</td>
            <td>{e.sheet ?? ''}</td>
            <td>{e.row > 0 ? e.row : ''}</td>
            <td>{columnText(e.column)}</td>
            <td>{reasonOf(e)}</td>
          </tr>
        ))}
      </tbody>
      {errors.length > shown.length ? (
        <tfoot>
          <tr>
            <td colSpan={5}>
              {t('import.moreErrors', { n: formatCount(errors.length - shown.length, getLang()) })}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function Duplicates({ answer }: { answer: ImportAnswer }) {
  return (
    <table class="import-duplicates" data-key="import-duplicates">
      <caption>{t('import.duplicates')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.col.where')}</th>
          <th scope="col">{t('import.col.kind')}</th>
          <th scope="col">{t('import.col.name')}</th>
          <th scope="col">{t('import.col.other')}</th>
          <th scope="col">{t('import.col.why')}</th>
        </tr>
      </thead>
      <tbody>
        {answer.duplicates.map((d, i) => (
          <tr key={i} data-kind={d.kind}>
            <td>
              {d.sheet !== undefined ? `${d.file} › ${d.sheet}` : d.file}{' '}
              {t('import.rowN', { n: String(d.row) })}
            </td>
            <td>{enumLabel('nodeKind', d.kind)}</td>
            <td>{d.name}</td>
            <td>
              {d.otherName}{' '}
              <span class="muted">
                {d.otherRow ? t('import.rowN', { n: String(d.otherRow.row) }) : t('import.stored')}
              </span>
            </td>
            <td>{d.reasons.map((r) => t(`import.dup.${r}` as const)).join('・')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
