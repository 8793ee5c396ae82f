/**
 * What stands over the map besides the map itself (store/mapActions.ts holds their state): the
 * menu of a node (right-click or long press on it; Shift+F10 or the menu key for the selected
 * node), the banner of connect mode, and 「ハイライトを消す」 while something is highlighted.
 * Esc closes the menu, else leaves connect mode, else clears the highlight.
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { useStore } from '../app/context';
import { t, type PlainKey } from '../i18n';
import type { MenuItem } from './nodeMenu';

const ITEM_LABEL: Record<MenuItem, PlainKey> = {
  detail: 'ctx.detail',
  connect: 'ctx.connect',
  edit: 'ctx.edit',
  delete: 'ctx.delete',
};

/** Keys typed into a field are the field's (Esc in a form does not clear the map). */
function inField(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

export function MapActions() {
  const store = useStore();
  const a = store.mapActions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === 'Escape') {
        // In a field only the menu and connect mode (which own no field) give way to Esc.
        if (inField(e) && !a.menu.peek() && a.connectFrom.peek() === null) return;
        if (a.escape()) e.preventDefault();
        return;
      }
      if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && !inField(e)) {
        const id = store.view.get().selected;
        const at = id ? store.mapView.peek()?.menuAnchor(id) : null;
        if (id && at) {
          e.preventDefault();
          a.openMenu(id, at);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
  return (
    <>
      <NodeMenu />
      <ConnectBanner />
      <ClearHighlight />
    </>
  );
}

function NodeMenu() {
  const store = useStore();
  const a = store.mapActions;
  const m = a.menu.value;
  const box = useRef<HTMLDivElement>(null);
  const returnTo = useRef<Element | null>(null);
  // Placed beside the node, kept inside the map; focus on its first item.
  useLayoutEffect(() => {
    const el = box.current;
    if (!m || !el) return;
    const wrap = el.parentElement!;
    const x = Math.max(4, Math.min(m.x, wrap.clientWidth - el.offsetWidth - 4));
    const y = Math.max(4, Math.min(m.y - 12, wrap.clientHeight - el.offsetHeight - 4));
    el.style.left = `${x}px`;
    el.style.top = `${y}px`;
    returnTo.current ??= document.activeElement;
    el.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus();
  }, [m]);
  // A press anywhere else closes it.
  useEffect(() => {
    if (!m) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) a.closeMenu();
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [m !== null]);
  // Closed: focus goes back where it was (the item chosen moves it on itself).
  useEffect(() => {
    if (m) return;
    const back = returnTo.current as HTMLElement | null;
    returnTo.current = null;
    if (back && document.activeElement === document.body) back.focus?.();
  }, [m === null]);
  if (!m) return null;
  const name = store.nameOf(m.nodeId);
  const move = (e: KeyboardEvent) => {
    const items = [...(box.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      e.key === 'ArrowDown'
        ? (i + 1) % items.length
        : e.key === 'ArrowUp'
          ? (i - 1 + items.length) % items.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? items.length - 1
              : -1;
    if (to >= 0) {
      e.preventDefault();
      items[to]?.focus();
    } else if (e.key === 'Tab') {
      a.closeMenu();
    }
  };
  return (
    <div
      ref={box}
      class="node-menu"
      role="menu"
      aria-label={t('ctx.menu', { name })}
      data-node={m.nodeId}
      onKeyDown={move}
    >
      <p class="node-menu-title" aria-hidden="true">
        {name}
      </p>
      {m.items.map((item) => (
        <button
          key={item}
          type="button"
          role="menuitem"
          tabIndex={-1}
          class={item === 'delete' ? 'danger-text' : undefined}
          data-item={item}
          onClick={() => a.choose(item)}
        >
          {t(ITEM_LABEL[item])}
        </button>
      ))}
    </div>
  );
}

function ConnectBanner() {
  const store = useStore();
  const from = store.mapActions.connectFrom.value;
  if (from === null) return null;
  return (
    <div class="connect-banner" role="status" data-testid="connect-banner">
      <span>
        <strong>{t('ctx.connect.from', { name: store.nameOf(from) })}</strong>{' '}
        {t('ctx.connect.banner')}
      </span>
      <button
        type="button"
        class="secondary"
        data-key="connect-cancel"
        onClick={() => store.mapActions.cancelConnect()}
      >
        {t('ctx.connect.cancel')}
      </button>
    </div>
  );
}

function ClearHighlight() {
  const store = useStore();
  if (!store.view.state.value.overlay) return null;
  return (
    <button
      type="button"
      class="clear-highlight"
      data-key="clear-highlight"
      title={t('ctx.clear.help')}
      onClick={() => store.view.update({ overlay: null })}
    >
      {t('ctx.clear')}
    </button>
  );
}
