/**
 * The batching rule of freshBatch.ts: a caller shares a read only if it starts after the call.
 * The "database" here is a counter that a write bumps; a read returns the value at its start.
 */
import { describe, expect, it } from 'vitest';
import { FreshBatcher } from './freshBatch';

/** A store whose reads take until `finish()` is called, answering the value when they began. */
function slowStore() {
  let value = 0;
  const started: number[] = [];
  const pending: Array<() => void> = [];
  const batcher = new FreshBatcher<string, { ask: string; value: number }>(async (asks) => {
    const seen = value; // the read begins now: it sees what was committed before
    started.push(seen);
    await new Promise<void>((resolve) => pending.push(resolve));
    return asks.map((ask) => ({ ask, value: seen }));
  });
  return {
    batcher,
    started,
    write: () => ++value,
    /** Lets the oldest read under way finish. */
    finish: () => pending.shift()?.(),
    runningReads: () => pending.length,
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('FreshBatcher', () => {
  it('never answers a caller from a read that began before it called (a write just before is seen)', async () => {
    const s = slowStore();
    const first = s.batcher.load('a', 'a');
    await turn();
    expect(s.runningReads()).toBe(1); // the first read is under way, from before the write
    const committed = s.write();
    const after = s.batcher.load('a', 'a'); // the same ask, after the write committed
    await turn();
    s.finish();
    expect((await first).value).toBe(committed - 1);
    await turn();
    s.finish();
    expect((await after).value).toBe(committed);
    expect(s.batcher.batches).toBe(2);
  });

  it('callers of one moment share one read, and those arriving during it share the next', async () => {
    const s = slowStore();
    const early = ['a', 'b', 'a'].map((k) => s.batcher.load(k, k));
    await turn();
    const late = ['a', 'c', 'c', 'd'].map((k) => s.batcher.load(k, k));
    await turn();
    expect(s.runningReads()).toBe(1); // one read at a time; the late callers wait for theirs
    s.finish();
    await turn();
    s.finish();
    const answers = await Promise.all([...early, ...late]);
    expect(answers.map((a) => a.ask)).toEqual(['a', 'b', 'a', 'a', 'c', 'c', 'd']);
    expect(s.batcher.batches).toBe(2);
  });

  it('a caller waits for a slow read under way only so long (maxWaitMs), then reads on its own', async () => {
    const s = slowStore();
    const first = s.batcher.load('a', 'a');
    await turn();
    const committed = s.write();
    const second = s.batcher.load('b', 'b');
    await new Promise((resolve) => setTimeout(resolve, 40)); // the default wait is 20 ms
    expect(s.runningReads()).toBe(2); // its own read started while the first still runs
    s.finish();
    s.finish();
    expect((await first).value).toBe(committed - 1);
    expect((await second).value).toBe(committed);
  });

  it('a failed read fails its own callers only', async () => {
    let calls = 0;
    const batcher = new FreshBatcher<number, number>(async (asks) => {
      if (calls++ === 0) throw new Error('database away');
      return asks.map((n) => n * 2);
    });
    const failed = batcher.load('1', 1);
    await expect(failed).rejects.toThrow('database away');
    await expect(batcher.load('1', 1)).resolves.toBe(2);
  });

  it('splits a batch at maxAsks', async () => {
    const sizes: number[] = [];
    const batcher = new FreshBatcher<number, number>(
      async (asks) => {
        sizes.push(asks.length);
        return asks;
      },
      { maxAsks: 2, maxInFlight: 2 },
    );
    const got = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.load(String(n), n)));
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });
});
