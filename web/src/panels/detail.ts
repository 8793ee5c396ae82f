/**
 * 詳細: the selected node — kind, analytics, recorded fields (editable), ties — and the tools
 * that start from it: neighbourhood focus, what-if removal (persons), connection path.
 */
import { h, metric, type Child } from '../dom';
import { ApiError } from '../api';
import {
  FIELDS,
  serverFieldMessages,
  validateForm,
  type FieldDef,
  type ServerFieldIssue,
} from '../fields';
import { formatCount, formatDate, formatNumber, formatScore } from '../format';
import { enumLabel, getLang, optionalText, reasonText, t, type EnumGroup } from '../i18n';
import type { MapNode } from '../types';
import { asyncState, nodeButton } from './common';
import type { PanelContext } from './context';
import { gapExplanation, gapTitle } from './gaps';

let editing: string | null = null;

type RawValue = string | boolean | string[];
/**
 * What was entered in the edit form and what the server said about it, kept across re-renders
 * (e.g. a language switch: the messages are translated again, the input stays).
 */
let draft: { id: string; raw: Record<string, RawValue>; server: ServerFieldIssue[] } | null = null;

export function renderDetail(ctx: PanelContext): HTMLElement {
  const root = h('section', { class: 'panel-body' });
  const id = ctx.state.selected;
  const node = id ? ctx.data.nodeById.get(id) : undefined;
  root.append(pathSection(ctx));
  if (!id || !node) {
    root.append(h('p', { class: 'muted' }, t('detail.empty')));
    return root;
  }
  if (editing !== id) editing = null;
  if (draft && draft.id !== editing) draft = null;
  root.append(
    h('h2', { class: 'detail-name' }, (node.declaredKeyPerson ? '★ ' : '') + node.name),
    h(
      'p',
      { class: 'kind-line' },
      h('span', { class: 'badge' }, enumLabel('nodeKind', node.kind)),
      subKindLabel(node) ? h('span', { class: 'badge' }, subKindLabel(node)) : null,
      node.isTalent ? h('span', { class: 'badge' }, t('detail.talent')) : null,
      node.inKeyPersonGroup
        ? h('span', { class: 'badge gold', title: t('kp.inGroup.help') }, t('kp.inGroup'))
        : null,
    ),
  );
  const ties = tiesOf(ctx, node.id);
  const metrics: Child[] = [
    metric(
      t('detail.ties.count'),
      formatCount(ties.length, getLang()),
      t('detail.ties.count.help'),
    ),
  ];
  if (node.kind === 'Person') {
    metrics.unshift(metric(t('detail.score'), formatScore(node.score), t('kp.score.help')));
    if (node.community !== null)
      metrics.push(metric(t('kp.community'), String(node.community + 1), t('kp.community.help')));
  }
  root.append(h('div', { class: 'metrics' }, metrics));
  const kp =
    ctx.data.keyPersons.status === 'ok'
      ? ctx.data.keyPersons.value.find((k) => k.personId === node.id)
      : undefined;
  if (kp?.reasons.length)
    root.append(
      h(
        'ul',
        { class: 'reasons' },
        kp.reasons.map((r) => h('li', {}, reasonText(r))),
      ),
    );

  root.append(toolButtons(ctx, node));
  if (ctx.state.overlay?.type === 'whatif' && ctx.state.overlay.personId === node.id)
    root.append(whatIfSection(ctx, node));
  root.append(fieldsSection(ctx, node));
  root.append(tiesSection(ctx, node, ties));
  return root;
}

function subKindLabel(n: MapNode): string {
  const group: Record<string, EnumGroup> = {
    Organization: 'orgKind',
    Event: 'eventKind',
    Region: 'regionKind',
    RegionalHRDept: 'deptPhase',
    Person: n.isTalent ? 'talentKind' : 'personOrigin',
  };
  const g = group[n.kind];
  if (n.kind === 'SME') return n.subKind ?? '';
  return g ? enumLabel(g, n.subKind) : '';
}

function toolButtons(ctx: PanelContext, node: MapNode): HTMLElement {
  const focusOn = ctx.state.focusDepth > 0;
  const from = ctx.data.pathFrom;
  return h(
    'div',
    { class: 'actions wrap' },
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-pressed': focusOn ? 'true' : 'false',
        title: t('map.focus.help'),
        'data-key': 'focus',
        onclick: () => ctx.actions.setFocus(focusOn ? 0 : 1),
      },
      focusOn ? t('map.focus.off') : t('detail.focus'),
    ),
    node.kind === 'Person'
      ? h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            title: t('detail.whatIf.help'),
            'data-key': 'whatif',
            onclick: () => ctx.actions.show({ type: 'whatif', personId: node.id }, node.id),
          },
          t('detail.whatIf'),
        )
      : null,
    from && from !== node.id
      ? h(
          'button',
          {
            type: 'button',
            class: 'primary',
            title: t('detail.pathTo.help'),
            'data-key': 'pathTo',
            onclick: () => ctx.actions.show({ type: 'path', from, to: node.id }, node.id),
          },
          t('detail.pathTo', { name: ctx.name(from) }),
        )
      : h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            title: t('detail.pathFrom.help'),
            'data-key': 'pathFrom',
            onclick: () => ctx.actions.setPathFrom(node.id),
          },
          t('detail.pathFrom'),
        ),
  );
}

function pathSection(ctx: PanelContext): HTMLElement | string {
  const o = ctx.state.overlay;
  if (o?.type !== 'path') {
    const from = ctx.data.pathFrom;
    return from
      ? h(
          'p',
          { class: 'notice', role: 'status' },
          t('detail.pathPending', { name: ctx.name(from) }),
        )
      : '';
  }
  const box = h(
    'div',
    { class: 'result', 'aria-live': 'polite' },
    h('h3', {}, t('path.title', { from: ctx.name(o.from), to: ctx.name(o.to) })),
  );
  const a = ctx.data.path;
  const st = asyncState(a);
  if (st) return (box.appendChild(st), box);
  const steps = a.status === 'ok' ? a.value : null;
  if (!steps || steps.length === 0) return (box.appendChild(h('p', {}, t('path.none'))), box);
  box.append(
    h(
      'div',
      { class: 'metrics' },
      metric(t('path.steps'), String(steps.length), t('path.steps.help')),
    ),
    h(
      'ol',
      { class: 'path-steps' },
      steps.map((s) =>
        h(
          'li',
          {},
          nodeButton(ctx, s.fromId, s.fromName),
          h(
            'span',
            { class: 'rel' },
            ` —${enumLabel('relType', s.relType)}`,
            s.strength
              ? h(
                  'span',
                  { title: t('path.strength.help') },
                  `（${t('path.strength', { n: s.strength })}）`,
                )
              : null,
            '→ ',
          ),
          nodeButton(ctx, s.toId, s.toName),
        ),
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-key': 'clearPath',
        onclick: () => ctx.actions.show(null),
      },
      t('map.clear'),
    ),
  );
  return box;
}

function whatIfSection(ctx: PanelContext, node: MapNode): HTMLElement {
  const box = h(
    'div',
    { class: 'result', 'aria-live': 'polite', 'data-testid': 'whatif' },
    h('h3', {}, t('whatif.title', { name: node.name })),
  );
  const a = ctx.data.whatIf;
  const st = asyncState(a);
  if (st) return (box.appendChild(st), box);
  if (a.status !== 'ok') return box;
  const r = a.value;
  const lang = getLang();
  box.append(
    h(
      'p',
      {},
      lang === 'ja' ? r.explanationJa || r.explanationEn : r.explanationEn || r.explanationJa,
    ),
    h(
      'div',
      { class: 'metrics' },
      metric(t('whatif.cutSmes'), formatCount(r.cutOffSmes, lang), t('whatif.cutSmes.help')),
      metric(t('whatif.cutOrgs'), formatCount(r.cutOffOrgs, lang), t('whatif.cutOrgs.help')),
      metric(t('whatif.lostTies'), formatCount(r.lostTies, lang), t('whatif.lostTies.help')),
    ),
  );
  if (r.cutOffIds.length) {
    box.append(
      h('h4', {}, t('whatif.cutOff')),
      h(
        'p',
        { class: 'chips' },
        r.cutOffIds.slice(0, 50).map((id, i) => nodeButton(ctx, id, r.cutOffNames[i])),
      ),
    );
  }
  if (r.newGaps.length) {
    box.append(
      h('h4', {}, t('whatif.newGaps')),
      h(
        'ul',
        { class: 'reasons' },
        r.newGaps.map((g) =>
          h(
            'li',
            {},
            h('strong', {}, enumLabel('gapKind', g.kind)),
            `: ${gapTitle(ctx, g)} — ${gapExplanation(g)}`,
          ),
        ),
      ),
    );
  }
  box.append(
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-key': 'clearWhatIf',
        onclick: () => ctx.actions.show(null, node.id),
      },
      t('map.clear'),
    ),
  );
  return box;
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

function fieldsSection(ctx: PanelContext, node: MapNode): HTMLElement {
  const box = h('div', { class: 'fields-box' }, h('h3', {}, t('detail.fields')));
  const a = ctx.data.entity;
  if (a.status === 'loading' || a.status === 'idle')
    return (box.appendChild(h('p', { class: 'muted' }, t('detail.loadingFields'))), box);
  if (a.status === 'error')
    return (box.appendChild(h('p', { class: 'error', role: 'alert' }, a.message)), box);
  const rec = a.value;
  if (!rec) return box;
  const isTalent = node.isTalent || rec.isTalent === true;
  const defs = (FIELDS[node.kind] ?? []).filter((d) => !d.talentOnly || isTalent);
  if (editing === node.id) return (box.appendChild(editForm(ctx, node, defs, rec, isTalent)), box);
  box.append(
    h(
      'dl',
      { class: 'fields' },
      defs
        .filter((d) => d.name !== 'name')
        .map((d) => [
          h(
            'dt',
            { title: optionalText(`field.${d.name}.help`) || undefined },
            t(`field.${d.name}`),
          ),
          h('dd', {}, displayValue(d, rec[d.name])),
        ]),
    ),
  );
  if (ctx.data.editable.has(node.kind) && defs.length) {
    box.append(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          title: t('detail.edit.help'),
          'data-key': 'edit',
          onclick: () => {
            editing = node.id;
            ctx.actions.select(node.id, { panel: 'detail' });
            document.dispatchEvent(new CustomEvent('app:rerender'));
          },
        },
        t('detail.edit'),
      ),
    );
  }
  return box;
}

function editForm(
  ctx: PanelContext,
  node: MapNode,
  defs: FieldDef[],
  rec: Record<string, unknown>,
  isTalent: boolean,
): HTMLElement {
  const form = h('form', { class: 'edit', novalidate: true, 'aria-label': t('detail.edit') });
  const summary = h('p', { class: 'error', role: 'alert', hidden: true });
  form.append(summary);
  const entered = draft?.id === node.id ? draft.raw : null;
  for (const d of defs) {
    const fid = `f-${d.name}`;
    const err = h('span', { class: 'field-error', id: `${fid}-err` });
    const label = h(
      'label',
      { for: fid },
      t(`field.${d.name}`),
      d.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
    );
    let input: HTMLElement;
    const v = entered && d.name in entered ? entered[d.name] : rec[d.name];
    if (d.type === 'bool') {
      input = h('input', {
        type: 'checkbox',
        id: fid,
        name: d.name,
        checked: v === true,
        'aria-describedby': `${fid}-err`,
      });
      form.append(h('div', { class: 'field check' }, input, label, err));
      continue;
    }
    if (d.type === 'enum') {
      input = h(
        'select',
        { id: fid, name: d.name, 'aria-describedby': `${fid}-err` },
        d.required ? null : h('option', { value: '' }, '—'),
        d.values!.map((x) => h('option', { value: x, selected: v === x }, enumLabel(d.group!, x))),
      );
    } else if (d.type === 'enumList') {
      const list = Array.isArray(v) ? (v as string[]) : [];
      input = h(
        'fieldset',
        { id: fid, class: 'checks' },
        h('legend', { class: 'visually-hidden' }, t(`field.${d.name}`)),
        d.values!.map((x) =>
          h(
            'label',
            {},
            h('input', { type: 'checkbox', name: d.name, value: x, checked: list.includes(x) }),
            ' ',
            enumLabel(d.group!, x),
          ),
        ),
      );
    } else {
      input = h('input', {
        id: fid,
        name: d.name,
        type:
          d.type === 'int' || d.type === 'number'
            ? 'text'
            : d.type === 'date'
              ? 'date'
              : d.name === 'email'
                ? 'email'
                : 'text',
        inputmode: d.type === 'int' ? 'numeric' : d.type === 'number' ? 'decimal' : undefined,
        value: v === null || v === undefined ? '' : String(v),
        'aria-describedby': `${fid}-err`,
      });
    }
    form.append(
      h(
        'div',
        { class: 'field' },
        label,
        input,
        d.type === 'int' && ['mind', 'skill', 'network'].includes(d.name)
          ? h('span', { class: 'hint' }, optionalText(`field.${d.name}.help`))
          : null,
        err,
      ),
    );
  }
  const save = h(
    'button',
    { type: 'submit', class: 'primary', 'data-key': 'save' },
    t('detail.save'),
  );
  form.append(
    h(
      'div',
      { class: 'actions' },
      save,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            editing = null;
            draft = null;
            document.dispatchEvent(new CustomEvent('app:rerender'));
          },
        },
        t('detail.cancel'),
      ),
    ),
  );
  /** Shows the messages next to their fields (and those of other fields in the summary). */
  const showErrors = (errors: Record<string, string>, summaryText: string): void => {
    const shown = new Set<string>();
    for (const d of defs) {
      const el = form.querySelector(`#f-${d.name}-err`)!;
      el.textContent = errors[d.name] ?? '';
      if (errors[d.name]) shown.add(d.name);
      form
        .querySelector(`#f-${d.name}`)
        ?.setAttribute('aria-invalid', errors[d.name] ? 'true' : 'false');
    }
    const others = Object.entries(errors)
      .filter(([k]) => !shown.has(k))
      .map(([k, m]) => `${optionalText(`field.${k}`) || k}: ${m}`);
    summary.hidden = Object.keys(errors).length === 0 && !summaryText;
    summary.textContent = [summaryText, ...others].filter(Boolean).join(' ');
  };
  const check = (raw: Record<string, RawValue>, server: ServerFieldIssue[]) => {
    const { values, errors } = validateForm(node.kind, raw, isTalent);
    const fromServer = serverFieldMessages(server);
    const all = { ...fromServer, ...errors };
    const local = Object.keys(errors).length > 0;
    const summaryText = local
      ? t('detail.invalid')
      : Object.keys(fromServer).length
        ? t('detail.serverInvalid')
        : '';
    showErrors(all, summaryText);
    return { values, ok: !local };
  };
  // Shown again after a re-render (e.g. the language switch), in the current language.
  if (entered && draft) check(entered, draft.server);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const raw: Record<string, RawValue> = {};
    for (const d of defs) {
      if (d.type === 'bool')
        raw[d.name] = (form.elements.namedItem(d.name) as HTMLInputElement).checked;
      else if (d.type === 'enumList')
        raw[d.name] = [...form.querySelectorAll<HTMLInputElement>(`input[name="${d.name}"]`)]
          .filter((c) => c.checked)
          .map((c) => c.value);
      else
        raw[d.name] = (
          form.elements.namedItem(d.name) as HTMLInputElement | HTMLSelectElement
        ).value;
    }
    draft = { id: node.id, raw, server: [] };
    const { values, ok } = check(raw, []);
    if (!ok) {
      (form.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    save.disabled = true;
    ctx.actions.saveEntity(node.kind, node.id, values).then(
      () => {
        editing = null;
        draft = null;
        document.dispatchEvent(new CustomEvent('app:rerender'));
      },
      (err: unknown) => {
        save.disabled = false;
        if (err instanceof ApiError && err.fields.length > 0 && draft?.id === node.id) {
          // The server's validation (the same schemas, and the rules across fields).
          draft.server = err.fields;
          check(raw, err.fields);
          (form.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
          return;
        }
        summary.hidden = false;
        summary.textContent = err instanceof Error ? err.message : t('err.unknown');
      },
    );
  });
  return form;
}

interface Tie {
  id: string;
  type: string;
  weight: number;
}

function tiesOf(ctx: PanelContext, id: string): Tie[] {
  const out: Tie[] = [];
  for (const e of ctx.data.edges) {
    if (e.source === id) out.push({ id: e.target, type: e.type, weight: e.weight });
    else if (e.target === id) out.push({ id: e.source, type: e.type, weight: e.weight });
  }
  return out;
}

function tiesSection(ctx: PanelContext, node: MapNode, ties: Tie[]): HTMLElement {
  const box = h('div', { class: 'ties' }, h('h3', {}, t('detail.ties')));
  if (ties.length === 0)
    return (box.appendChild(h('p', { class: 'muted' }, t('common.none'))), box);
  const byType = new Map<string, Tie[]>();
  for (const tie of ties) byType.set(tie.type, [...(byType.get(tie.type) ?? []), tie]);
  for (const [type, list] of byType) {
    list.sort((a, b) => b.weight - a.weight || ctx.name(a.id).localeCompare(ctx.name(b.id), 'ja'));
    box.append(
      h(
        'details',
        { class: 'group', open: list.length <= 15 },
        h(
          'summary',
          {},
          enumLabel('relType', type),
          h('span', { class: 'count' }, t('common.count', { n: list.length })),
        ),
        h(
          'ul',
          { class: 'tie-list' },
          list.slice(0, 200).map((tie) => {
            const other = ctx.data.nodeById.get(tie.id);
            return h(
              'li',
              {},
              nodeButton(ctx, tie.id),
              other
                ? h('span', { class: 'muted small' }, ` ${enumLabel('nodeKind', other.kind)}`)
                : null,
              type === 'KNOWS'
                ? h(
                    'span',
                    { class: 'muted small', title: t('path.strength.help') },
                    ` ${t('path.strength', { n: tie.weight })}`,
                  )
                : null,
            );
          }),
        ),
      ),
    );
  }
  void node;
  return box;
}
