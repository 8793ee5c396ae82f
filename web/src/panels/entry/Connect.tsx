/** 「つなぐ…」 (SPEC §10): a tie from a node to another of the map, with its properties. */
import { useState } from 'preact/hooks';
import type { RelType } from '../../../../common/model';
import { useStore } from '../../app/context';
import { enumLabel, t, type PlainKey } from '../../i18n';
import * as Q from '../../queries';
import type { MapNode } from '../../types';
import { NodePicker } from './NodePicker';
import { TIE_PROPS, tieChoices } from './ties';

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
