/**
 * A server resource as a signal: what `load(key)` answered for the current `key()`, where the
 * key is read from other signals (the view state, the graph version …). When the key changes,
 * the resource loads again; an answer for a key that is no longer current is dropped. This is
 * the app's one staleness rule: no request counter or "loaded for" variable anywhere else.
 *
 * - `key()` returning null: nothing to load (state `idle`).
 * - `keep(prev, next)`: keep showing the previous value while the next key loads (a newer graph
 *   version of the same view: the panel does not blink to "loading" after each save).
 * - `ready()`: hold an answer back until this is true (the panels wait until the map is drawn,
 *   so that they do not compete with the drawing for the main thread).
 */
import { batch, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';

export type Async<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; message: string };

export const IDLE: Async<never> = { status: 'idle' };
export const LOADING: Async<never> = { status: 'loading' };

export interface ResourceOptions<K, T> {
  key: () => K | null;
  load: (key: K) => Promise<T>;
  keep?: (previous: K, next: K) => boolean;
  ready?: () => boolean;
  /** The message shown for a failed load. */
  describe?: (err: unknown) => string;
}

export interface Resource<T> {
  readonly state: ReadonlySignal<Async<T>>;
  /** A load for the current key is under way (also while the previous value is kept). */
  readonly busy: ReadonlySignal<boolean>;
  /** Loads the current key again (e.g. the 再読み込み button after an error). */
  reload(): void;
  /** Stops following the key. */
  dispose(): void;
}

/** The value of an async state, or undefined. */
export function valueOf<T>(a: Async<T>): T | undefined {
  return a.status === 'ok' ? a.value : undefined;
}

export function resource<K, T>(options: ResourceOptions<K, T>): Resource<T> {
  const state = signal<Async<T>>(IDLE);
  const busy = signal(false);
  const attempt = signal(0);
  const answer = signal<{ id: string; result: Async<T> } | null>(null);
  const describe = options.describe ?? ((err: unknown) => String(err));
  let current: { id: string; key: K } | null = null;

  const follow = effect(() => {
    const key = options.key();
    const id = key === null ? null : `${JSON.stringify(key)}#${attempt.value}`;
    untracked(() => {
      if (id === (current?.id ?? null)) return;
      const previous = current;
      if (key === null || id === null) {
        current = null;
        state.value = IDLE;
        busy.value = false;
        return;
      }
      current = { id, key };
      const kept =
        previous !== null &&
        state.value.status === 'ok' &&
        options.keep?.(previous.key, key) === true;
      if (!kept) state.value = LOADING;
      busy.value = true;
      const settle = (result: Async<T>) => {
        // An answer for a key that is no longer current is dropped here.
        if (current?.id === id) answer.value = { id, result };
      };
      options.load(key).then(
        (value) => settle({ status: 'ok', value }),
        (err: unknown) => settle({ status: 'error', message: describe(err) }),
      );
    });
  });

  const publish = effect(() => {
    const a = answer.value;
    const ready = options.ready ? options.ready() : true;
    if (!a || !ready) return;
    untracked(() => {
      answer.value = null;
      if (a.id !== current?.id) return;
      batch(() => {
        state.value = a.result;
        busy.value = false;
      });
    });
  });

  return {
    state,
    busy,
    reload: () => attempt.value++,
    dispose: () => {
      follow();
      publish();
    },
  };
}
