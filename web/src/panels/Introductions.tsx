/**
 * 紹介の記録 (SPEC §10): every recorded introduction of the region, newest first — status,
 * from → via → to, when and by whom it was recorded, the note — with the moves the server
 * allows (common/introductions.ts: move on, undo a decline, correct a mistake), a note to write,
 * and the list as CSV or .xlsx. Every change goes through updateIntroduction; the map, gaps and
 * suggestions follow its graph version.
 */
import { useState } from 'preact/hooks';
import { writeWorkbook } from '../../../common/xlsx';
import { useStore } from '../app/context';
import { friendly } from '../api';
import { canWrite } from '../auth';
import { csvFileName } from '../csv';
import { download } from '../download';
import { enumLabel, lang, t } from '../i18n';
import {
  logDate,
  logTable,
  moveLabelKey,
  partyName,
  UPDATE_INTRODUCTION,
  type IntroductionStatus,
  type LoggedIntroduction,
  type UpdatedIntroduction,
} from '../introductions/log';
import { INTRODUCTION_STATUSES } from '../../../common/model';
import { ListPanel, NodeButton } from './ListPanel';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function Introductions() {
  const store = useStore();
  const data = store.introductions.state.value;
  const [status, setStatus] = useState<IntroductionStatus | ''>('');
  const shown =
    data.status === 'ok' && status
      ? { ...data, value: data.value.filter((e) => e.status === status) }
      : data;
  const list = shown.status === 'ok' ? shown.value : [];
  const title = t('panel.introductions');
  const exportXlsx = () => {
    const { header, rows } = logTable(list, lang.value);
    const book = writeWorkbook([
      { name: title.slice(0, 31), header, rows, widths: [14, 16, 16, 16, 10, 14, 14, 40] },
    ]);
    download(
      new Blob([book as BlobPart], { type: XLSX_TYPE }),
      csvFileName(title, store.regionLabel()).replace(/\.csv$/, '.xlsx'),
    );
  };
  return (
    <ListPanel
      intro={t('intro.intro')}
      data={shown}
      csv={{
        title,
        header: logTable([], lang.value).header,
        rows: () => logTable(list, lang.value).rows,
      }}
      tools={
        <>
          <label class="inline">
            {t('intro.filter')}{' '}
            <select
              data-key="intro-filter"
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as IntroductionStatus | '')}
            >
              <option value="">{t('intro.filter.all')}</option>
              {INTRODUCTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {enumLabel('introductionStatus', s)}
                </option>
              ))}
            </select>
          </label>
          {list.length ? (
            <button
              type="button"
              class="secondary"
              title={t('intro.xlsx.help')}
              data-key="xlsx"
              onClick={exportXlsx}
            >
              {t('intro.xlsx')}
            </button>
          ) : null}
        </>
      }
    >
      {(entries) => (
        <ol class="items intro-log">
          {entries.map((e) => (
            <LogItem key={e.id} e={e} />
          ))}
        </ol>
      )}
    </ListPanel>
  );
}

/** Moves an introduction (and/or sets its note) and says what happened. */
export function moveIntroduction(
  store: ReturnType<typeof useStore>,
  e: LoggedIntroduction,
  change: { status?: IntroductionStatus; note?: string },
): Promise<unknown> {
  const names = { from: partyName(e.from), to: partyName(e.to) };
  return store.actions
    .mutate<{ updateIntroduction: UpdatedIntroduction }>(
      UPDATE_INTRODUCTION,
      { id: e.id, status: change.status ?? null, note: change.note ?? null },
      ({ updateIntroduction: u }) =>
        change.status === undefined
          ? t('intro.note.saved')
          : u.tieCreated
            ? t('intro.moved.tie', names)
            : u.tieRemoved
              ? t('intro.moved.untie', names)
              : t('intro.moved', {
                  ...names,
                  status: enumLabel('introductionStatus', u.introduction.status),
                }),
    )
    .catch((err: unknown) => store.actions.notify(friendly(err), 'error'));
}

function LogItem({ e }: { e: LoggedIntroduction }) {
  const store = useStore();
  const me = store.me.value;
  const writer = !me || canWrite(me);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const run = (change: { status?: IntroductionStatus; note?: string }) => {
    setBusy(true);
    void moveIntroduction(store, e, change).finally(() => {
      setBusy(false);
      if (change.note !== undefined) setNote(null);
    });
  };
  const l = lang.value;
  return (
    <li class="item" data-intro-id={e.id} data-status={e.status}>
      <div class="item-title route">
        <span class={`badge status-${e.status}`}>{enumLabel('introductionStatus', e.status)}</span>{' '}
        <NodeButton id={e.from?.id} name={partyName(e.from)} />
        <span class="arrow" aria-hidden="true">
          {' → '}
        </span>
        {e.via ? (
          <>
            <span class="via">{t('sug.via', { name: e.via.name })}</span>
            <span class="arrow" aria-hidden="true">
              {' → '}
            </span>
          </>
        ) : (
          <span class="via cold">{`（${t('sug.cold')}）→ `}</span>
        )}
        <NodeButton id={e.to?.id} name={partyName(e.to)} />
      </div>
      <p class="muted small">
        {t('intro.recorded', { date: logDate(e.recordedAt, l) })}
        {e.recordedBy ? ` · ${t('intro.recordedBy', { name: e.recordedBy })}` : ''}
        {e.decidedAt && e.decidedAt !== e.recordedAt
          ? ` · ${t('intro.decided', { date: logDate(e.decidedAt, l) })}`
          : ''}
      </p>
      {e.note && note === null ? (
        <p class="note" data-key="intro-note">
          {e.note}
        </p>
      ) : null}
      {writer && note !== null ? (
        <form
          class="note-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            run({ note });
          }}
        >
          <label>
            {t('intro.note')}
            <textarea
              rows={3}
              maxLength={2000}
              title={t('intro.note.help')}
              data-key="intro-note-text"
              value={note}
              onInput={(ev) => setNote(ev.currentTarget.value)}
            />
          </label>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy} data-key="intro-note-save">
              {t('intro.note.save')}
            </button>
            <button type="button" class="secondary" onClick={() => setNote(null)}>
              {t('intro.note.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {writer && e.nextStatuses.length > 0 && note === null ? (
        <div class="actions" role="group" aria-label={`${partyName(e.from)} → ${partyName(e.to)}`}>
          {e.nextStatuses.map((s) => (
            <button
              key={s}
              type="button"
              class={s === 'made' ? 'primary' : 'secondary'}
              data-key={`intro-move:${s}`}
              data-move={s}
              title={e.status === 'made' ? t('intro.move.unmake.help') : undefined}
              disabled={busy}
              onClick={() => run({ status: s })}
            >
              {t(moveLabelKey(e.status, s))}
            </button>
          ))}
          <button
            type="button"
            class="secondary"
            data-key="intro-note-edit"
            disabled={busy}
            onClick={() => setNote(e.note ?? '')}
          >
            {t('intro.note.edit')}
          </button>
        </div>
      ) : null}
    </li>
  );
}
