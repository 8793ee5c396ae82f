/** 「つなぐ…」 (SPEC §10): a tie from a node to another of the map, with its properties. */
import { useState } from 'preact/hooks';
import type { RelType } from '../../../../common/model';
import { useStore } from '../../app/context';
import { enumLabel, t, type PlainKey } from '../../i18n';
import * as Q from '../../queries';
import type { MapNode } from '../../types';
import { NodePicker } from './NodePicker';
import { TIE_PROPS, tieChoices, tiesBetween } from './ties';

/** The other end clicked on the map (connect mode) and the tie type suited to the two. */
export interface ConnectPreset {
  otherId: string;
  type: RelType;
}

type Choice = { type: RelType; out: boolean; other: string[] };

/** The tie types offered: all of the node's kind, or only those that join it to `other`. */
function choicesFor(node: MapNode, other: MapNode | undefined): Choice[] {
  if (!other) return tieChoices(node.kind);
  return tiesBetween(node, other).map((o) => ({
    type: o.type,
    out: o.from === 'a',
    other: [other.kind],
  }));
}

/**
 * 「つなぐ…」: a tie from the selected node to another of the map; with a preset (the map's
 * connect mode) the other end is chosen and only the types that join the two are offered.
 */
export function Connect({
  node,
  preset,
  onDone,
}: {
  node: MapNode;
  preset?: ConnectPreset;
  onDone(): void;
}) {
  const store = useStore();
  const presetOther = preset ? store.graph.value?.nodeById.get(preset.otherId) : undefined;
  const choices = choicesFor(node, presetOther);
  const [type, setType] = useState<RelType>(
    choices.find((c) => c.type === preset?.type)?.type ?? choices[0]?.type ?? 'KNOWS',
  );
  const [other, setOther] = useState<string[]>(presetOther ? [presetOther.id] : []);
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
            // the other end chosen on the map fits every type offered
            if (!presetOther) setOther([]);
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
