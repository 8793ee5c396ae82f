/**
 * 詳細: the selected node — kind, analytics, recorded fields (editable with the schema-driven
 * form), ties — and the tools that start from it: neighbourhood focus, what-if removal
 * (persons), connection path.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore } from '../app/context';
import { Form } from '../forms/Form';
import { formSchema, hasForm, readableFields, shownFields, type FieldDef } from '../forms/fields';
import { fieldHelp, fieldLabel } from '../forms/messages';
import { formatCount, formatDate, formatNumber, formatScore } from '../format';
import { enumLabel, getLang, t, type EnumGroup } from '../i18n';
import { valueOf } from '../store/resource';
import type { MapEdge, MapNode } from '../types';
import { AsyncStatus, Metric } from '../ui';
import { gapExplanation, gapTitle } from './gapText';
import { Reasons } from './KeyPersons';
import { AddNode } from './entry/AddNode';
import { Connect, type ConnectPreset } from './entry/Connect';
import { DeleteNode } from './entry/DeleteNode';
import { Duplicates } from './entry/Duplicates';
import { FollowUp } from './entry/FollowUp';
import { KEPT_TIES } from './entry/ties';
import { NodeButton, PanelBody } from './ListPanel';
import * as Q from '../queries';

/** Ties a coordinator may remove from here (the structure of a dept is an admin's). */
const UNTIE: ReadonlySet<string> = new Set(KEPT_TIES);

export function Detail() {
  const store = useStore();
  const s = store.view.state.value;
  const node = s.selected ? store.graph.value?.nodeById.get(s.selected) : undefined;
  return (
    <PanelBody>
      <AddNode />
      <PathSection />
      {node ? (
        <NodeDetail key={node.id} node={node} />
      ) : store.missing.value ? (
        <p class="notice" role="status" data-testid="missing">
          {t('detail.missing')}
        </p>
      ) : (
        <>
          <p class="muted">{t('detail.empty')}</p>
          <p class="muted small">{t('ctx.menu.hint')}</p>
        </>
      )}
    </PanelBody>
  );
}

const SUB_KIND: Partial<Record<string, EnumGroup>> = {
  Organization: 'orgKind',
  Event: 'eventKind',
  Region: 'regionKind',
  RegionalHRDept: 'deptPhase',
};

function subKindLabel(n: MapNode): string {
  if (n.kind === 'SME') return n.subKind ?? '';
  const g = n.kind === 'Person' ? (n.isTalent ? 'talentKind' : 'personOrigin') : SUB_KIND[n.kind];
  return g ? enumLabel(g, n.subKind) : '';
}

interface Tie {
  id: string;
  type: string;
  weight: number;
  /** The tie starts at the node shown. */
  out: boolean;
}

function tiesOf(edges: readonly MapEdge[], id: string): Tie[] {
  const out: Tie[] = [];
  for (const e of edges) {
    if (e.source === id) out.push({ id: e.target, type: e.type, weight: e.weight, out: true });
    else if (e.target === id)
      out.push({ id: e.source, type: e.type, weight: e.weight, out: false });
  }
  return out;
}

/** Which entry form of the node is open (connect: with the other end chosen on the map). */
type Open = null | 'connect' | { connect: ConnectPreset } | 'delete' | { followUp: string };

function NodeDetail({ node }: { node: MapNode }) {
  const store = useStore();
  const s = store.view.state.value;
  const ties = tiesOf(store.graph.value?.edges ?? [], node.id);
  const kp = valueOf(store.keyPersons.state.value)?.find((k) => k.personId === node.id);
  const sub = subKindLabel(node);
  const [open, setOpen] = useState<Open>(null);
  const [editing, setEditing] = useState(false);
  const canWrite = store.editable.value.has(node.kind);
  const engagedWith = ties.filter((x) => x.type === 'ENGAGED_WITH' && x.out).map((x) => x.id);
  const openDelete = () => {
    setOpen('delete');
    if (node.kind === 'Person') store.actions.show({ type: 'whatif', personId: node.id }, node.id);
  };
  // The map's node menu (or a second node clicked in connect mode) asks for a form here.
  const request = store.mapActions.request.value;
  // The form it opened, once drawn, is scrolled to and focused: [form, control].
  const focusNext = useRef<[string, string] | null>(null);
  useEffect(() => {
    const r = store.mapActions.take(node.id);
    if (!r) return;
    if (r.open === 'connect') {
      setOpen({ connect: { otherId: r.otherId, type: r.type } });
      focusNext.current = ['form.connect', 'select'];
    } else if (r.open === 'delete') {
      openDelete();
      // not the destructive button: Enter must not delete
      focusNext.current = ['[data-testid="delete-confirm"]', 'button.secondary'];
    } else {
      setEditing(true);
      focusNext.current = ['form.edit', 'input, select, textarea'];
    }
  }, [request, node.id]);
  // (the edit form appears once the record is read: read here, so this runs again then)
  void store.entity.state.value.status;
  useEffect(() => {
    const want = focusNext.current;
    const box = want ? document.querySelector<HTMLElement>(`#panel ${want[0]}`) : null;
    if (!want || !box) return;
    focusNext.current = null;
    box.scrollIntoView({ block: 'nearest' });
    box.querySelector<HTMLElement>(want[1])?.focus();
  });
  return (
    <>
      <h2 class="detail-name">{(node.declaredKeyPerson ? '★ ' : '') + node.name}</h2>
      <p class="kind-line">
        <span class="badge">{enumLabel('nodeKind', node.kind)}</span>
        {sub ? <span class="badge">{sub}</span> : null}
        {node.isTalent ? <span class="badge">{t('detail.talent')}</span> : null}
        {node.inKeyPersonGroup ? (
          <span class="badge gold" title={t('kp.inGroup.help')}>
            {t('kp.inGroup')}
          </span>
        ) : null}
      </p>
      <div class="metrics">
        {node.kind === 'Person' ? (
          <Metric
            label={t('detail.score')}
            value={formatScore(node.score)}
            help={t('kp.score.help')}
          />
        ) : null}
        <Metric
          label={t('detail.ties.count')}
          value={formatCount(ties.length, getLang())}
          help={t('detail.ties.count.help')}
        />
        {node.kind === 'Person' && node.community !== null ? (
          <Metric
            label={t('kp.community')}
            value={String(node.community + 1)}
            help={t('kp.community.help')}
          />
        ) : null}
      </div>
      {kp ? <Reasons reasons={kp.reasons} label={false} /> : null}
      <Tools node={node} />
      {canWrite ? (
        <div class="actions wrap entry-tools">
          <button
            type="button"
            class="secondary"
            data-key="connect"
            title={t('entry.connect.help')}
            onClick={() => setOpen(open === 'connect' ? null : 'connect')}
          >
            {t('entry.connect')}
          </button>
          {engagedWith.map((sme) => (
            <button
              key={sme}
              type="button"
              class="secondary"
              data-key="followup"
              data-sme={sme}
              title={t('entry.followUp.help')}
              onClick={() => setOpen({ followUp: sme })}
            >
              {`${t('entry.followUp')}（${store.nameOf(sme)}）`}
            </button>
          ))}
          <button
            type="button"
            class="secondary"
            data-key="delete"
            title={t('entry.delete.help')}
            onClick={openDelete}
          >
            {t('entry.delete')}
          </button>
        </div>
      ) : null}
      {open === 'connect' ? <Connect node={node} onDone={() => setOpen(null)} /> : null}
      {open !== null && typeof open === 'object' && 'connect' in open ? (
        <Connect
          key={`${open.connect.otherId}:${open.connect.type}`}
          node={node}
          preset={open.connect}
          onDone={() => setOpen(null)}
        />
      ) : null}
      {open === 'delete' ? (
        <DeleteNode node={node} ties={ties.length} onDone={() => setOpen(null)} />
      ) : null}
      {open !== null && typeof open === 'object' && 'followUp' in open ? (
        <FollowUp node={node} smeId={open.followUp} onDone={() => setOpen(null)} />
      ) : null}
      {s.overlay?.type === 'whatif' && s.overlay.personId === node.id ? (
        <WhatIf node={node} />
      ) : null}
      {canWrite && ['Person', 'Organization', 'SME'].includes(node.kind) ? (
        <Duplicates node={node} />
      ) : null}
      <Fields node={node} editing={editing} setEditing={setEditing} />
      <Ties ties={ties} node={node} canWrite={canWrite} />
    </>
  );
}

function Tools({ node }: { node: MapNode }) {
  const store = useStore();
  const focusOn = store.view.state.value.focusDepth > 0;
  const from = store.pathFrom.value;
  return (
    <div class="actions wrap">
      <button
        type="button"
        class="secondary"
        aria-pressed={focusOn ? 'true' : 'false'}
        title={t('map.focus.help')}
        data-key="focus"
        onClick={() => store.actions.setFocus(focusOn ? 0 : 1)}
      >
        {focusOn ? t('map.focus.off') : t('detail.focus')}
      </button>
      {node.kind === 'Person' ? (
        <button
          type="button"
          class="secondary"
          title={t('detail.whatIf.help')}
          data-key="whatif"
          onClick={() => store.actions.show({ type: 'whatif', personId: node.id }, node.id)}
        >
          {t('detail.whatIf')}
        </button>
      ) : null}
      {from && from !== node.id ? (
        <button
          type="button"
          class="primary"
          title={t('detail.pathTo.help')}
          data-key="pathTo"
          onClick={() => store.actions.show({ type: 'path', from, to: node.id }, node.id)}
        >
          {t('detail.pathTo', { name: store.nameOf(from) })}
        </button>
      ) : (
        <button
          type="button"
          class="secondary"
          title={t('detail.pathFrom.help')}
          data-key="pathFrom"
          onClick={() => store.actions.setPathFrom(node.id)}
        >
          {t('detail.pathFrom')}
        </button>
      )}
    </div>
  );
}

function PathSection() {
  const store = useStore();
  const o = store.view.state.value.overlay;
  if (o?.type !== 'path') {
    const from = store.pathFrom.value;
    return from ? (
      <p class="notice" role="status">
        {t('detail.pathPending', { name: store.nameOf(from) })}
      </p>
    ) : null;
  }
  const a = store.path.state.value;
  const steps = a.status === 'ok' ? a.value : null;
  return (
    <div class="result" aria-live="polite">
      <h3>{t('path.title', { from: store.nameOf(o.from), to: store.nameOf(o.to) })}</h3>
      {a.status !== 'ok' ? (
        <AsyncStatus data={a} />
      ) : !steps || steps.length === 0 ? (
        <p>{t('path.none')}</p>
      ) : (
        <>
          <div class="metrics">
            <Metric
              label={t('path.steps')}
              value={String(steps.length)}
              help={t('path.steps.help')}
            />
          </div>
          <ol class="path-steps">
            {steps.map((st, i) => (
              <li key={i}>
                <NodeButton id={st.fromId} name={st.fromName} />
                <span class="rel">
                  {` —${enumLabel('relType', st.relType)}`}
                  {st.strength ? (
                    <span title={t('path.strength.help')}>
                      {`（${t('path.strength', { n: st.strength })}）`}
                    </span>
                  ) : null}
                  {'→ '}
                </span>
                <NodeButton id={st.toId} name={st.toName} />
              </li>
            ))}
          </ol>
          <button
            type="button"
            class="secondary"
            data-key="clearPath"
            onClick={() => store.actions.show(null)}
          >
            {t('map.clear')}
          </button>
        </>
      )}
    </div>
  );
}

function WhatIf({ node }: { node: MapNode }) {
  const store = useStore();
  const a = store.whatIf.state.value;
  const lang = getLang();
  const r = a.status === 'ok' ? a.value : null;
  return (
    <div class="result" aria-live="polite" data-testid="whatif">
      <h3>{t('whatif.title', { name: node.name })}</h3>
      {a.status !== 'ok' ? <AsyncStatus data={a} /> : null}
      {r ? (
        <>
          <p>
            {lang === 'ja'
              ? r.explanationJa || r.explanationEn
              : r.explanationEn || r.explanationJa}
          </p>
          <div class="metrics">
            <Metric
              label={t('whatif.cutSmes')}
              value={formatCount(r.cutOffSmes, lang)}
              help={t('whatif.cutSmes.help')}
            />
            <Metric
              label={t('whatif.cutOrgs')}
              value={formatCount(r.cutOffOrgs, lang)}
              help={t('whatif.cutOrgs.help')}
            />
            <Metric
              label={t('whatif.lostTies')}
              value={formatCount(r.lostTies, lang)}
              help={t('whatif.lostTies.help')}
            />
          </div>
          {r.cutOffIds.length ? (
            <>
              <h4>{t('whatif.cutOff')}</h4>
              <p class="chips">
                {r.cutOffIds.slice(0, 50).map((id, i) => (
                  <NodeButton key={id} id={id} name={r.cutOffNames[i]} />
                ))}
              </p>
            </>
          ) : null}
          {r.newGaps.length ? (
            <>
              <h4>{t('whatif.newGaps')}</h4>
              <ul class="reasons">
                {r.newGaps.map((g) => (
                  <li key={g.id}>
                    <strong>{enumLabel('gapKind', g.kind)}</strong>
                    {`: ${gapTitle(store.nameOf, g)} — ${gapExplanation(g)}`}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <button
            type="button"
            class="secondary"
            data-key="clearWhatIf"
            onClick={() => store.actions.show(null, node.id)}
          >
            {t('map.clear')}
          </button>
        </>
      ) : null}
    </div>
  );
}

function displayValue(def: FieldDef, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const lang = getLang();
  switch (def.type) {
    case 'bool':
      return v ? t('common.yes') : t('common.no');
    case 'enum':
      return enumLabel(def.group!, String(v));
    case 'enumList':
      return Array.isArray(v) && v.length
        ? v.map((x) => enumLabel(def.group!, String(x))).join('、')
        : '—';
    case 'int':
      return formatCount(Number(v), lang);
    case 'number':
      return formatNumber(Number(v), 1, lang);
    case 'date':
      return formatDate(String(v), lang);
    default:
      return String(v);
  }
}

/** The recorded fields: shown, or edited with the schema-driven form. */
function Fields({
  node,
  editing,
  setEditing,
}: {
  node: MapNode;
  editing: boolean;
  setEditing(on: boolean): void;
}) {
  const store = useStore();
  const a = store.entity.state.value;
  const kind = node.kind;
  const body = () => {
    if (a.status === 'loading' || a.status === 'idle')
      return <p class="muted">{t('detail.loadingFields')}</p>;
    if (a.status === 'error')
      return (
        <p class="error" role="alert">
          {a.message}
        </p>
      );
    const rec = a.value;
    if (!rec || !hasForm(kind)) return null;
    // Only the fields this account can read (a role may lack some, e.g. contact data).
    const readable = readableFields(kind, store.readable(kind));
    const isTalent = node.isTalent || rec.isTalent === true;
    const defs = shownFields(readable, { isTalent });
    if (editing) {
      return (
        <Form
          id="f"
          className="edit"
          label={t('detail.edit')}
          defs={readable}
          context={(raw) => ({
            isTalent: typeof raw.isTalent === 'boolean' ? raw.isTalent : isTalent,
          })}
          record={rec}
          schema={formSchema(kind)}
          submitLabel={t('detail.save')}
          cancelLabel={t('detail.cancel')}
          onSubmit={(changes) =>
            store.actions.saveEntity(kind, node.id, changes).then(() => setEditing(false))
          }
          onUnchanged={() => {
            store.actions.notify(t('detail.unchanged'));
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      );
    }
    return (
      <>
        <dl class="fields">
          {defs
            .filter((d) => d.name !== 'name')
            .map((d) => [
              <dt key={`${d.name}:t`} title={fieldHelp(d.name) || undefined}>
                {fieldLabel(d.name)}
              </dt>,
              <dd key={`${d.name}:d`}>{displayValue(d, rec[d.name])}</dd>,
            ])}
        </dl>
        {store.editable.value.has(kind) && defs.length ? (
          <button
            type="button"
            class="secondary"
            title={t('detail.edit.help')}
            data-key="edit"
            onClick={() => setEditing(true)}
          >
            {t('detail.edit')}
          </button>
        ) : null}
      </>
    );
  };
  return (
    <div class="fields-box">
      <h3>{t('detail.fields')}</h3>
      {body()}
    </div>
  );
}

function Ties({ ties, node, canWrite }: { ties: Tie[]; node: MapNode; canWrite: boolean }) {
  const store = useStore();
  const untie = (tie: Tie) =>
    store.actions
      .mutate(
        Q.DELETE_RELATIONSHIP,
        {
          type: tie.type,
          from: tie.out ? node.id : tie.id,
          to: tie.out ? tie.id : node.id,
        },
        t('entry.untied'),
      )
      .catch((err: unknown) =>
        store.actions.notify(err instanceof Error ? err.message : String(err), 'error'),
      );
  const graph = store.graph.value;
  if (ties.length === 0)
    return (
      <div class="ties">
        <h3>{t('detail.ties')}</h3>
        <p class="muted">{t('common.none')}</p>
      </div>
    );
  const byType = new Map<string, Tie[]>();
  for (const tie of ties) byType.set(tie.type, [...(byType.get(tie.type) ?? []), tie]);
  return (
    <div class="ties">
      <h3>{t('detail.ties')}</h3>
      {[...byType].map(([type, list]) => {
        list.sort(
          (a, b) =>
            b.weight - a.weight || store.nameOf(a.id).localeCompare(store.nameOf(b.id), 'ja'),
        );
        return (
          <details key={type} class="group" open={list.length <= 15}>
            <summary>
              {enumLabel('relType', type)}
              <span class="count">{t('common.count', { n: list.length })}</span>
            </summary>
            <ul class="tie-list">
              {list.slice(0, 200).map((tie) => {
                const other = graph?.nodeById.get(tie.id);
                return (
                  <li key={`${tie.id}:${tie.type}`}>
                    <NodeButton id={tie.id} />
                    {other ? (
                      <span class="muted small">{` ${enumLabel('nodeKind', other.kind)}`}</span>
                    ) : null}
                    {type === 'KNOWS' ? (
                      <span class="muted small" title={t('path.strength.help')}>
                        {` ${t('path.strength', { n: tie.weight })}`}
                      </span>
                    ) : null}
                    {canWrite && UNTIE.has(type) ? (
                      <button
                        type="button"
                        class="link small"
                        data-key="untie"
                        data-other={tie.id}
                        title={t('entry.untie.help')}
                        onClick={() => void untie(tie)}
                      >
                        {t('entry.untie')}
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
