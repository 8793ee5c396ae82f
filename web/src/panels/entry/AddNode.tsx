/**
 * 「＋ 新しく登録」 (SPEC §10): a new person, organisation, SME or meeting of the current region
 * with the schema-driven form, and the ties that place it (where it is, who works where, who
 * hosted and attended a meeting).
 */
import { useState } from 'preact/hooks';
import type { RelType } from '../../../../common/model';
import { useStore } from '../../app/context';
import { Form } from '../../forms/Form';
import { formSchema, readableFields, type FormKind } from '../../forms/fields';
import type { FieldChange } from '../../forms/values';
import { enumLabel, t } from '../../i18n';
import * as Q from '../../queries';
import { todayIso as today } from '../../time/format';
import { NodePicker } from './NodePicker';

const NEW_KINDS = ['Person', 'Organization', 'SME', 'Event'] as const;
type NewKind = (typeof NEW_KINDS)[number];
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
              store.actions.selectWhenShown(r.createNode.id);
            }}
            onUnchanged={close}
            onCancel={close}
          />
        </>
      )}
    </div>
  );
}
