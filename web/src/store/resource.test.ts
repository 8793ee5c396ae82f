import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { resource } from './resource';

/** A load whose answers the test hands out, in any order. */
function controlled<K, T>() {
  const calls: Array<{ key: K; resolve(v: T): void; reject(e: unknown): void }> = [];
  const load = (key: K) =>
    new Promise<T>((resolve, reject) => calls.push({ key, resolve, reject }));
  return { calls, load };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('resource (a server answer keyed by signals)', () => {
  it('loads for the key, again when the key changes, and nothing for a null key', async () => {
    const region = signal<string | null>(null);
    const { calls, load } = controlled<string, string>();
    const r = resource({ key: () => region.value, load });
    expect(r.state.value).toEqual({ status: 'idle' });
    expect(calls).toHaveLength(0);
    region.value = 'a';
    expect(r.state.value).toEqual({ status: 'loading' });
    calls[0]!.resolve('map of a');
    await tick();
    expect(r.state.value).toEqual({ status: 'ok', value: 'map of a' });
    region.value = 'a'; // the same key: nothing asked again
    expect(calls).toHaveLength(1);
    region.value = null;
    expect(r.state.value).toEqual({ status: 'idle' });
    r.dispose();
  });

  it('drops an answer that arrives after its key was replaced, in whatever order', async () => {
    const region = signal('a');
    const { calls, load } = controlled<string, string>();
    const r = resource({ key: () => region.value, load });
    region.value = 'b';
    calls[1]!.resolve('map of b');
    await tick();
    calls[0]!.resolve('map of a'); // late answer of the old key
    await tick();
    expect(r.state.value).toEqual({ status: 'ok', value: 'map of b' });
    r.dispose();
  });

  it('keeps the previous value while a newer version of the same view loads', async () => {
    const key = signal({ region: 'a', version: 1 });
    const { calls, load } = controlled<{ region: string; version: number }, number>();
    const r = resource({
      key: () => key.value,
      load,
      keep: (prev, next) => prev.region === next.region,
    });
    calls[0]!.resolve(1);
    await tick();
    key.value = { region: 'a', version: 2 };
    expect(r.state.value).toEqual({ status: 'ok', value: 1 });
    calls[1]!.resolve(2);
    await tick();
    expect(r.state.value).toEqual({ status: 'ok', value: 2 });
    key.value = { region: 'b', version: 2 }; // another view: loading
    expect(r.state.value).toEqual({ status: 'loading' });
    r.dispose();
  });

  it('holds an answer back until ready, and reports failures with the message given', async () => {
    const ready = signal(false);
    const { calls, load } = controlled<string, string>();
    const r = resource({
      key: () => 'k',
      load,
      ready: () => ready.value,
      describe: (e) => `failed: ${(e as Error).message}`,
    });
    calls[0]!.reject(new Error('offline'));
    await tick();
    expect(r.state.value).toEqual({ status: 'loading' });
    ready.value = true;
    expect(r.state.value).toEqual({ status: 'error', message: 'failed: offline' });
    r.reload();
    expect(r.state.value).toEqual({ status: 'loading' });
    calls[1]!.resolve('ok now');
    await tick();
    expect(r.state.value).toEqual({ status: 'ok', value: 'ok now' });
    r.dispose();
  });
});
