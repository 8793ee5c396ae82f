/**
 * Both cores for exact betweenness, behind a synchronous call: the calling thread and a few
 * long-lived worker threads take chunks of sources from shared memory until none is left.
 *
 * The analytics are synchronous pure functions, so the calling thread never waits on a
 * promise: it posts the job (the CSR and the sources in SharedArrayBuffers), wakes the workers
 * with Atomics.notify, computes chunks itself, and at the end waits (Atomics.wait, with a
 * timeout) only for chunks a worker is still finishing. A chunk a worker has not finished in
 * time is computed again by the caller, so a slow, starved or crashed worker delays nothing
 * by more than one chunk and never changes the result: a chunk's sum is the same whichever
 * thread computes it, and only the first finished copy is kept.
 *
 * The workers run the kernel's own source text (betweennessKernel.ts), so there is one
 * implementation. They are unref'd: they never keep the process alive.
 */
import os from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { betweennessBatches, betweennessWorkspace, doubled } from './betweennessKernel';

/** Chunk states in the shared status array. */
const FREE = 0;
const CLAIMED = 1;
const WRITING = 2;
const DONE = 3;

/** How long the caller waits for a claimed chunk before computing it itself: × its own mean. */
const STEAL_AFTER_MEANS = 3;

const WORKER_SOURCE = `
const { receiveMessageOnPort, workerData } = require('node:worker_threads');
${doubled.toString()}
${betweennessWorkspace.toString()}
${betweennessBatches.toString()}
const wake = new Int32Array(workerData.wake);
const port = workerData.port;
let seenGeneration = 0;
let ws = null;
for (;;) {
  Atomics.wait(wake, 0, seenGeneration);
  seenGeneration = Atomics.load(wake, 0);
  if (seenGeneration < 0) break;
  let msg;
  while ((msg = receiveMessageOnPort(port)) !== undefined) {
    const job = msg.message;
    const n = job.n;
    const off = new Int32Array(job.off);
    const nbr = new Int32Array(job.nbr);
    const sources = new Int32Array(job.sources);
    const status = new Int32Array(job.status);
    const out = new Float64Array(job.out);
    if (ws === null || ws.n !== n) ws = betweennessWorkspace(n, off[n]);
    const part = new Float64Array(n);
    for (let c = 0; c < job.chunks; c++) {
      if (Atomics.compareExchange(status, c, ${FREE}, ${CLAIMED}) !== ${FREE}) continue;
      part.fill(0);
      const from = c * job.chunkSize;
      betweennessBatches(ws, off, nbr, sources, from, Math.min(sources.length, from + job.chunkSize), part);
      if (Atomics.compareExchange(status, c, ${CLAIMED}, ${WRITING}) === ${CLAIMED}) {
        out.set(part, c * n);
        Atomics.store(status, c, ${DONE});
        Atomics.notify(status, c);
      }
    }
  }
}
`;

interface Pool {
  workers: Worker[];
  ports: MessagePort[];
  wake: Int32Array;
}

let pool: Pool | null = null;

/** How the last parallel run split its chunks (for the benchmark and the tests). */
export interface ParallelRun {
  chunks: number;
  /** Chunks the calling thread computed (its own share plus any it took over). */
  byCaller: number;
  workers: number;
}
let lastRun: ParallelRun | null = null;
export function lastParallelRun(): ParallelRun | null {
  return lastRun;
}
let poolFailed = false;

function defaultWorkers(): number {
  const cores =
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(7, cores - 1));
}

function getPool(size: number): Pool | null {
  if (poolFailed || size <= 0) return null;
  if (pool && pool.workers.length >= size) return pool;
  stopBetweennessWorkers();
  try {
    const wake = new Int32Array(new SharedArrayBuffer(4));
    const workers: Worker[] = [];
    const ports: MessagePort[] = [];
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(WORKER_SOURCE, {
        eval: true,
        // Plain JavaScript: none of the parent's loaders (tsx) to start.
        execArgv: [],
        workerData: { wake: wake.buffer, port: port2 },
        transferList: [port2],
      });
      w.unref();
      port1.unref();
      // A worker that dies is simply not there any more: the caller computes its chunks.
      w.on('error', () => undefined);
      workers.push(w);
      ports.push(port1);
    }
    pool = { workers, ports, wake };
    return pool;
  } catch {
    poolFailed = true;
    return null;
  }
}

/** Ends the worker threads (they are recreated on the next parallel run). */
export function stopBetweennessWorkers(): void {
  if (!pool) return;
  Atomics.store(pool.wake, 0, -1);
  Atomics.notify(pool.wake, 0);
  for (const w of pool.workers) void w.terminate();
  pool = null;
}

function shared<T extends Int32Array | Float64Array>(src: T): T {
  const buf = new SharedArrayBuffer(src.byteLength);
  const out = new (src.constructor as new (b: SharedArrayBuffer) => T)(buf);
  out.set(src);
  return out;
}

/**
 * Each chunk's dependency sums (chunk c at [c·n, (c+1)·n)), computed by this thread and
 * `threads` workers (default: one fewer than the cores); null when no worker can run, so
 * the caller computes alone.
 */
export function runChunks(
  g: { n: number; off: Int32Array; nbr: Int32Array },
  sources: Int32Array,
  chunkSize: number,
  chunks: number,
  threads?: number,
): Float64Array | null {
  const p = getPool(threads ?? defaultWorkers());
  if (!p) return null;
  const n = g.n;
  const off = shared(g.off);
  const nbr = shared(g.nbr);
  const src = shared(sources);
  const status = new Int32Array(new SharedArrayBuffer(4 * chunks));
  const out = new Float64Array(new SharedArrayBuffer(8 * chunks * n));
  const job = {
    n,
    off: off.buffer,
    nbr: nbr.buffer,
    sources: src.buffer,
    status: status.buffer,
    out: out.buffer,
    chunks,
    chunkSize,
  };
  for (const port of p.ports.slice(0, threads ?? p.ports.length)) port.postMessage(job);
  Atomics.add(p.wake, 0, 1);
  Atomics.notify(p.wake, 0);

  const ws = betweennessWorkspace(n, g.off[n]!);
  const part = new Float64Array(n);
  let ownMs = 0;
  let own = 0;
  const compute = (c: number): void => {
    const t0 = performance.now();
    part.fill(0);
    const from = c * chunkSize;
    betweennessBatches(ws, off, nbr, src, from, Math.min(src.length, from + chunkSize), part);
    if (Atomics.compareExchange(status, c, CLAIMED, WRITING) === CLAIMED) {
      out.set(part, c * n);
      Atomics.store(status, c, DONE);
    }
    ownMs += performance.now() - t0;
    own++;
  };
  for (let c = 0; c < chunks; c++) {
    if (Atomics.compareExchange(status, c, FREE, CLAIMED) === FREE) compute(c);
  }
  // The chunks the workers still hold: wait a little for each, else compute it here.
  for (let c = 0; c < chunks; c++) {
    let s = Atomics.load(status, c);
    if (s === CLAIMED) {
      const patience = own > 0 ? (STEAL_AFTER_MEANS * ownMs) / own + 5 : 50;
      Atomics.wait(status, c, CLAIMED, patience);
      s = Atomics.load(status, c);
      if (s === CLAIMED) {
        compute(c);
        s = Atomics.load(status, c);
      }
    }
    // A worker is copying its finished chunk: a few microseconds, unless it died doing so.
    const until = performance.now() + 1000;
    while (s === WRITING && performance.now() < until) {
      Atomics.wait(status, c, WRITING, 10);
      s = Atomics.load(status, c);
    }
    if (s !== DONE) return null;
  }
  lastRun = { chunks, byCaller: own, workers: Math.min(p.ports.length, threads ?? p.ports.length) };
  return out;
}
