/** The message at the bottom of the page (saved, recorded, or what went wrong), for a while. */
import { useEffect } from 'preact/hooks';
import { useStore } from './context';

export function Toast() {
  const store = useStore();
  const toast = store.toast.value;
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(
      () => {
        if (store.toast.peek() === toast) store.toast.value = null;
      },
      toast.kind === 'error' ? 9000 : 5000,
    );
    return () => clearTimeout(timer);
  }, [toast, store]);
  return (
    <div
      class={`toast ${toast?.kind ?? 'info'}`}
      role="status"
      aria-live="polite"
      hidden={toast === null}
    >
      {toast?.message ?? ''}
    </div>
  );
}
