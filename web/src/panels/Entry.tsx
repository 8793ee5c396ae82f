/**
 * Keeping the network current from the 詳細 panel (SPEC §10): add a node to the region (the
 * schema-driven form, with the ties that place it: where it is, who works where, who hosted
 * and attended a meeting), connect the selected node to another ("つなぐ…"), remove a tie,
 * record a follow-up with a matched talent, merge a likely duplicate, and delete — after
 * showing what the deletion cuts off — or erase a person on request. Every write is one
 * mutation of docs/graphql.md §5b through the store (which reads the map again after it).
 */
import { useEffect, useState } from 'preact/hooks';
import { RELATIONSHIPS, type RelType } from '../../../common/model';
import { useStore } from '../app/context';
import { Form } from '../forms/Form';
import { formSchema, readableFields, type FormKind } from '../forms/fields';
import { fieldLabel } from '../forms/messages';
import type { FieldChange } from '../forms/values';
import { enumLabel, t, type EnumGroup, type PlainKey } from '../i18n';
import * as Q from '../queries';
import { searchByName } from '../search';
import type { MapNode } from '../types';

const NEW_KINDS = ['Person', 'Organization', 'SME', 'Event'] as const;
type NewKind = (typeof NEW_KINDS)[number];

const today = () => new Date().toISOString().slice(0, 10);

/** Picks nodes of the map by name (kana, width and spaces folded as the search does). */
export function NodePicker(props: {
  id: string;
  label: string;
  kinds: readonly string[];
  chosen: readonly string[];
  multiple?: boolean;
  exclude?: string;
  onChange(ids: string[]): void;
}) {
  const store = useStore();
  const [q, setQ] = useState('');
  const nodes = (store.graph.value?.nodes ?? []).filter(
    (n) => props.kinds.includes(n.kind) && n.id !== props.exclude && !props.chosen.includes(n.id),
  );
  const hits = q.trim() ? searchByName(nodes, q, 8) : [];
  const pick = (id: string) => {
    props.onChange(props.multiple ? [...props.chosen, id] : [id]);
    setQ('');
  };
  return (
    <div class="field picker" data-picker={props.id}>
      <label for={props.id}>{props.label}</label>
      {props.chosen.length ? (
        <p class="chips">
          {props.chosen.map((id) => (
            <span class="chip" key={id} data-chosen={id}>
              {store.nameOf(id)}
              <button
                type="button"
                class="link"
                aria-label={`${t('entry.remove')}: ${store.nameOf(id)}`}
                onClick={() => props.onChange(props.chosen.filter((c) => c !== id))}
              >
                ×
              </button>
            </span>
          ))}
        </p>
      ) : null}
      {props.multiple || props.chosen.length === 0 ? (
        <input
          id={props.id}
          type="search"
          value={q}
          placeholder={t('entry.pick')}
          autoComplete="off"
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits[0]) {
              e.preventDefault();
              pick(hits[0].id);
            }
          }}
        />
      ) : null}
      {q.trim() ? (
        <ul class="pick-list" role="listbox">
          {hits.length === 0 ? <li class="muted">{t('entry.pick.none')}</li> : null}
          {hits.map((n) => (
            <li key={n.id}>
              <button type="button" class="link" data-pick={n.id} onClick={() => pick(n.id)}>
                {n.name}
                <span class="muted small">{` ${enumLabel('nodeKind', n.kind)}`}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The ties a new node of a kind is created with, from what was picked. */
function newTies(
  kind: NewKind,
  region: string,
  picked: Record<string, string[]>,
): Array<{ type: RelType; otherId: string; incoming?: boolean }> {
  if (kind === 'Event')
    return [
      ...(picked.host ?? []).map((id) => ({
        type: 'HOSTED' as const,
        otherId: id,
        incoming: true,
      })),
      ...(picked.attendees ?? []).map((id) => ({
        type: 'ATTENDED' as const,
        otherId: id,
        incoming: true,
      })),
      ...(picked.smes ?? []).map((id) => ({
        type: 'PARTICIPATED' as const,
        otherId: id,
        incoming: true,
      })),
    ];
  const out: Array<{ type: RelType; otherId: string }> = [{ type: 'LOCATED_IN', otherId: region }];
  if (kind === 'Person')
    for (const id of picked.employer ?? []) out.push({ type: 'WORKS_AT', otherId: id });
  return out;
}

/** The ties an Event form picks: its hosts, attendees and participating SMEs. */
const EVENT_PICKERS = [
  { key: 'host', label: 'entry.host', kind: 'Organization' },
  { key: 'attendees', label: 'entry.attendees', kind: 'Person' },
  { key: 'smes', label: 'entry.smes', kind: 'SME' },
] as const;

/** 「＋ 新しく登録」: a new person, organisation, SME or meeting of the current region. */
export function AddNode() {
  const store = useStore();
  const [kind, setKind] = useState<NewKind | null>(null);
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const region = store.view.state.value.region;
  const editable = store.editable.value;
  if (!NEW_KINDS.some((k) => editable.has(k))) return null;
  if (!kind)
    return (
      <div class="actions wrap add-node">
        <span class="muted">{t('entry.add')}</span>
        {NEW_KINDS.filter((k) => editable.has(k)).map((k) => (
          <button
            key={k}
            type="button"
            class="secondary"
            data-key={`add-${k}`}
            title={t('entry.add.help')}
            onClick={() => {
              setKind(k);
              setPicked({});
            }}
          >
            {enumLabel('nodeKind', k)}
          </button>
        ))}
      </div>
    );
  const close = () => setKind(null);
  const set = (key: string) => (ids: string[]) => setPicked((p) => ({ ...p, [key]: ids }));
  return (
    <div class="result add-form" data-testid="add-node">
      <h3>{t('entry.add.title', { kind: enumLabel('nodeKind', kind) })}</h3>
      {!region ? (
        <p class="notice">{t('entry.add.chooseRegion')}</p>
      ) : (
        <>
          <p class="muted small">{t('entry.add.region', { region: store.regionLabel() })}</p>
          {kind === 'Person' ? (
            <NodePicker
              id="add-employer"
              label={t('entry.employer')}
              kinds={['Organization', 'SME']}
              chosen={picked.employer ?? []}
              onChange={set('employer')}
            />
          ) : null}
          {kind === 'Event'
            ? EVENT_PICKERS.map((p) => (
                <NodePicker
                  key={p.key}
                  id={`add-${p.key}`}
                  label={t(p.label)}
                  kinds={[p.kind]}
                  chosen={picked[p.key] ?? []}
                  multiple
                  onChange={set(p.key)}
                />
              ))
            : null}
          <Form
            key={kind}
            id="new"
            className="create"
            label={t('entry.add.title', { kind: enumLabel('nodeKind', kind) })}
            defs={readableFields(kind as FormKind, store.readable(kind))}
            context={(raw) => ({ isTalent: raw.isTalent === true })}
            record={kind === 'Event' ? { date: today() } : {}}
            schema={formSchema(kind as FormKind)}
            submitLabel={t('entry.add.save')}
            cancelLabel={t('detail.cancel')}
            onSubmit={async (fields: FieldChange[]) => {
              const withDate =
                kind === 'Event' && !fields.some((f) => f.name === 'date')
                  ? [...fields, { name: 'date', value: today() }]
                  : fields;
              const r = await store.actions.mutate<{
                createNode: { id: string; name: string; graphVersion: number };
              }>(
                Q.CREATE_NODE,
                { kind, fields: withDate, ties: newTies(kind, region, picked) },
                t('entry.added', { name: fields.find((f) => f.name === 'name')?.value ?? '' }),
              );
              close();
              store.actions.select(r.createNode.id);
            }}
            onUnchanged={close}
            onCancel={close}
          />
        </>
      )}
    </div>
  );
}

/** The property inputs of a tie a coordinator sets when connecting. */
const TIE_PROPS: Partial<
  Record<RelType, Array<{ name: string; group?: EnumGroup; values?: readonly string[] }>>
> = {
  KNOWS: [{ name: 'strength', values: ['1', '2', '3'] }, { name: 'context' }],
  WORKS_AT: [{ name: 'title' }],
  MEMBER_OF: [{ name: 'engagement', values: ['1', '2', '3'] }],
  SUPPORTS: [
    { name: 'kind', group: 'supportKind', values: RELATIONSHIPS.SUPPORTS.props.shape.kind.options },
  ],
  HAS_CHALLENGE: [{ name: 'priority', values: ['1', '2', '3'] }],
  HAS_SKILL: [{ name: 'level', values: ['1', '2', '3'] }],
  ENGAGED_WITH: [
    {
      name: 'status',
      group: 'engagementStatus',
      values: RELATIONSHIPS.ENGAGED_WITH.props.shape.status.options,
    },
  ],
};
/** Ties a coordinator keeps (§10); the others belong to the structure or to introductions. */
export const KEPT_TIES: readonly RelType[] = [
  'KNOWS',
  'WORKS_AT',
  'SUPPORTS',
  'PARTNERS_WITH',
  'MEMBER_OF',
  'HAS_SKILL',
  'HAS_CHALLENGE',
  'ENGAGED_WITH',
  'ATTENDED',
  'HOSTED',
  'PARTICIPATED',
];

/** The tie types a node of a kind can have, with the kinds at the other end and its side. */
export function tieChoices(kind: string): Array<{ type: RelType; out: boolean; other: string[] }> {
  const out: Array<{ type: RelType; out: boolean; other: string[] }> = [];
  for (const type of KEPT_TIES) {
    const spec = RELATIONSHIPS[type];
    if ((spec.from as readonly string[]).includes(kind))
      out.push({ type, out: true, other: [...spec.to] });
    else if ((spec.to as readonly string[]).includes(kind))
      out.push({ type, out: false, other: [...spec.from] });
  }
  return out;
}

/** 「つなぐ…」: a tie from the selected node to another of the map. */
export function Connect({ node, onDone }: { node: MapNode; onDone(): void }) {
  const store = useStore();
  const choices = tieChoices(node.kind);
  const [type, setType] = useState<RelType>(choices[0]?.type ?? 'KNOWS');
  const [other, setOther] = useState<string[]>([]);
  const [props, setProps] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const choice = choices.find((c) => c.type === type) ?? choices[0];
  if (!choice) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!other[0]) {
      setError(t('entry.connect.pickFirst'));
      return;
    }
    const [from, to] = choice.out ? [node.id, other[0]] : [other[0], node.id];
    const properties = Object.entries(props)
      .filter(([k, v]) => v.trim() !== '' && (TIE_PROPS[type] ?? []).some((p) => p.name === k))
      .map(([name, value]) => ({ name, value }));
    setBusy(true);
    try {
      await store.actions.mutate(
        Q.SET_RELATIONSHIP,
        { type, from, to, properties },
        t('entry.connected', { from: store.nameOf(from), to: store.nameOf(to) }),
      );
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="result form connect"
      aria-label={t('entry.connect.title', { name: node.name })}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{t('entry.connect.title', { name: node.name })}</h3>
      <p class="error" role="alert" hidden={error === ''}>
        {error}
      </p>
      <div class="field">
        <label for="connect-type">{t('entry.connect.type')}</label>
        <select
          id="connect-type"
          value={type}
          onChange={(e) => {
            setType((e.target as HTMLSelectElement).value as RelType);
            setOther([]);
            setProps({});
          }}
        >
          {choices.map((c) => (
            <option key={c.type} value={c.type}>
              {enumLabel('relType', c.type)}
            </option>
          ))}
        </select>
      </div>
      <NodePicker
        key={type}
        id="connect-to"
        label={t('entry.connect.to')}
        kinds={choice.other}
        chosen={other}
        exclude={node.id}
        onChange={setOther}
      />
      {(TIE_PROPS[type] ?? []).map((p) => (
        <div class="field" key={p.name}>
          <label for={`connect-${p.name}`}>{t(`entry.prop.${p.name}` as PlainKey)}</label>
          {p.values ? (
            <select
              id={`connect-${p.name}`}
              value={props[p.name] ?? ''}
              onChange={(e) =>
                setProps({ ...props, [p.name]: (e.target as HTMLSelectElement).value })
              }
            >
              <option value="">—</option>
              {p.values.map((v) => (
                <option key={v} value={v}>
                  {p.group ? enumLabel(p.group, v) : v}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`connect-${p.name}`}
              type="text"
              value={props[p.name] ?? ''}
              onInput={(e) =>
                setProps({ ...props, [p.name]: (e.target as HTMLInputElement).value })
              }
            />
          )}
        </div>
      ))}
      <div class="actions">
        <button type="submit" class="primary" data-key="connect-save" disabled={busy}>
          {t('entry.connect.save')}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('detail.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Delete (after what it cuts off) or, for a person, erase on request. */
export function DeleteNode({
  node,
  ties,
  onDone,
}: {
  node: MapNode;
  ties: number;
  onDone(): void;
}) {
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const run = async (erase: boolean) => {
    setBusy(true);
    try {
      await store.actions.mutate(
        Q.DELETE_NODE,
        { id: node.id, erase },
        erase ? t('entry.erased') : t('entry.deleted', { name: node.name }),
      );
      store.actions.show(null, null);
      onDone();
    } catch (err) {
      store.actions.notify(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      class="result confirm"
      role="alertdialog"
      aria-label={t('entry.delete.title', { name: node.name })}
      data-testid="delete-confirm"
    >
      <h3>{t('entry.delete.title', { name: node.name })}</h3>
      <p>{t('entry.delete.lead', { n: ties })}</p>
      {node.kind === 'Person' ? <p>{t('entry.delete.whatIf')}</p> : null}
      <div class="actions wrap">
        <button
          type="button"
          class="danger"
          data-key="delete-confirm"
          disabled={busy}
          onClick={() => void run(false)}
        >
          {t('entry.delete.confirm')}
        </button>
        {node.kind === 'Person' ? (
          <button
            type="button"
            class="danger"
            data-key="erase-confirm"
            title={t('entry.erase.help')}
            disabled={busy}
            onClick={() => void run(true)}
          >
            {t('entry.erase.confirm')}
          </button>
        ) : null}
        <button type="button" class="secondary" onClick={onDone}>
          {t('detail.cancel')}
        </button>
      </div>
      {node.kind === 'Person' ? <p class="muted small">{t('entry.erase.help')}</p> : null}
    </div>
  );
}

/** A follow-up with the SME a talent is engaged with. */
export function FollowUp({
  node,
  smeId,
  onDone,
}: {
  node: MapNode;
  smeId: string;
  onDone(): void;
}) {
  const store = useStore();
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [who, setWho] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await store.actions.mutate<{
        recordFollowUp: { lastFollowUpAt: string; graphVersion: number };
      }>(
        Q.RECORD_FOLLOW_UP,
        { talentId: node.id, smeId, date, note: note || null, whoId: who[0] ?? null },
        (r) => t('entry.followUp.saved', { date: r.recordFollowUp.lastFollowUpAt }),
      );
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="result form follow-up"
      aria-label={t('entry.followUp.title', { sme: store.nameOf(smeId) })}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{t('entry.followUp.title', { sme: store.nameOf(smeId) })}</h3>
      <p class="error" role="alert" hidden={error === ''}>
        {error}
      </p>
      <div class="field">
        <label for="followup-date">{t('entry.followUp.date')}</label>
        <input
          id="followup-date"
          type="date"
          value={date}
          max={today()}
          onInput={(e) => setDate((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="followup-note">{fieldLabel('note')}</label>
        <textarea
          id="followup-note"
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <NodePicker
        id="followup-who"
        label={t('entry.followUp.who')}
        kinds={['Person']}
        chosen={who}
        exclude={node.id}
        onChange={setWho}
      />
      <div class="actions">
        <button type="submit" class="primary" data-key="followup-save" disabled={busy}>
          {t('entry.followUp')}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('detail.cancel')}
        </button>
      </div>
    </form>
  );
}

interface Duplicate {
  id: string;
  name: string;
  nameKana: string | null;
  reasons: string[];
}

/** Likely duplicates of the selected node, each with 「ここに統合」. */
export function Duplicates({ node }: { node: MapNode }) {
  const store = useStore();
  const [list, setList] = useState<Duplicate[]>([]);
  const [confirm, setConfirm] = useState<Duplicate | null>(null);
  const version = store.graph.value?.version;
  useEffect(() => {
    let live = true;
    store
      .gql<{ duplicateCandidates: Duplicate[] }>(Q.DUPLICATES, { id: node.id })
      .then((r) => live && setList(r.duplicateCandidates))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, [node.id, version]);
  if (list.length === 0) return null;
  return (
    <div class="result duplicates" data-testid="duplicates">
      <h3 title={t('entry.dups.help')}>{t('entry.dups')}</h3>
      <ul class="tie-list">
        {list.map((d) => (
          <li key={d.id}>
            <button type="button" class="link" onClick={() => store.actions.select(d.id)}>
              {d.name}
            </button>
            {d.nameKana ? <span class="muted small">{`（${d.nameKana}）`}</span> : null}
            <span class="muted small">
              {` ${d.reasons.map((r) => t(`dup.${r}` as PlainKey)).join('・')}`}
            </span>{' '}
            <button
              type="button"
              class="secondary"
              data-key="merge"
              data-merge={d.id}
              title={t('entry.merge.help')}
              onClick={() => setConfirm(d)}
            >
              {t('entry.merge')}
            </button>
          </li>
        ))}
      </ul>
      {confirm ? (
        <div class="confirm" role="alertdialog">
          <p>{t('entry.merge.confirm', { other: confirm.name, name: node.name })}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-key="merge-confirm"
              onClick={() => {
                const other = confirm;
                setConfirm(null);
                store.actions
                  .mutate<{ mergeNodes: { movedTies: number; graphVersion: number } }>(
                    Q.MERGE_NODES,
                    { keep: node.id, merge: other.id },
                    (r) => t('entry.merged', { n: r.mergeNodes.movedTies }),
                  )
                  .catch((err: unknown) =>
                    store.actions.notify(err instanceof Error ? err.message : String(err), 'error'),
                  );
              }}
            >
              {t('entry.yes')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirm(null)}>
              {t('detail.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
