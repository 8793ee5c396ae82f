/** A small DOM builder: text is always set as text (never parsed as HTML). */

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
export type Child = Node | string | number | null | undefined | false | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'class') {
      el.className = String(v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** A number with its label and a hover explanation (title), e.g. 「スコア 0.62」. */
export function metric(label: string, value: string, help: string, cls = ''): HTMLElement {
  return h(
    'span',
    { class: `metric ${cls}`.trim(), title: help },
    h('span', { class: 'metric-label' }, label),
    ' ',
    h('strong', { class: 'metric-value' }, value),
  );
}

/** A 0..1 value as a small bar (decorative; the number is shown beside it). */
export function bar(value: number): HTMLElement {
  const b = h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill' }));
  (b.firstChild as HTMLElement).style.width =
    `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%`;
  return b;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Triggers a download of a blob under a file name. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
