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
 * The workers run the same compiled WebAssembly kernel (passed to them as a module) through
 * the source text of betweennessKernel.ts's set-up, so there is one implementation. They are
 * unref'd: they never keep the process alive.
 */
import os from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { betweennessKernel, kernelLayout, kernelModule } from './betweennessKernel';

/** Chunk states in the shared status array. */
const FREE = 0;
const CLAIMED = 1;
const WRITING = 2;
const DONE = 3;

/** How long the caller waits for a claimed chunk before computing it itself: × its own mean. */
const STEAL_AFTER_MEANS = 3;

const WORKER_SOURCE = `
const { receiveMessageOnPort, workerData } = require('node:worker_threads');
${kernelLayout.toString()}
${betweennessKernel.toString()}
const wake = new Int32Array(workerData.wake);
const port = workerData.port;
let seenGeneration = 0;
for (;;) {
  Atomics.wait(wake, 0, seenGeneration);
  seenGeneration = Atomics.load(wake, 0);
  if (seenGeneration < 0) break;
  let msg;
  while ((msg = receiveMessageOnPort(port)) !== undefined) {
    const job = msg.message;
    const n = job.n;
    const sources = new Int32Array(job.sources);
    const status = new Int32Array(job.status);
    const out = new Float64Array(job.out);
    // Set up only when there is a chunk left to take (the caller may have finished them all).
    let kernel = null;
    const part = new Float64Array(n);
    for (let c = 0; c < job.chunks; c++) {
      if (Atomics.compareExchange(status, c, ${FREE}, ${CLAIMED}) !== ${FREE}) continue;
      kernel ??= betweennessKernel(workerData.module, new Int32Array(job.off), new Int32Array(job.nbr), sources);
      const from = c * job.chunkSize;
      kernel.sums(from, Math.min(sources.length, from + job.chunkSize), part);
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
        workerData: { wake: wake.buffer, port: port2, module: kernelModule() },
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

/** A posted job: the chunks' shared state, and this thread's way of computing one. */
interface Job {
  status: Int32Array;
  out: Float64Array;
  chunks: number;
  workers: number;
  /** Claims chunk c for this thread if it is free; computes it if claimed. */
  take(c: number): void;
  /** Computes chunk c here (a claimed chunk whose worker is late), keeping the first copy. */
  compute(c: number): void;
  /** How long to wait for a worker's chunk before computing it here (ms). */
  patience(): number;
  /** Chunks this thread computed. */
  ownChunks(): number;
}

/** Posts a job to the workers and wakes them; null when no worker can run. */
function postJob(
  g: { n: number; off: Int32Array; nbr: Int32Array },
  sources: Int32Array,
  chunkSize: number,
  chunks: number,
  threads: number | undefined,
): Job | null {
  const p = getPool(threads ?? defaultWorkers());
  if (!p) return null;
  const n = g.n;
  const off = shared(g.off);
  const nbr = shared(g.nbr);
  const src = shared(sources);
  const status = new Int32Array(new SharedArrayBuffer(4 * chunks));
  const out = new Float64Array(new SharedArrayBuffer(8 * chunks * n));
  const message = {
    n,
    off: off.buffer,
    nbr: nbr.buffer,
    sources: src.buffer,
    status: status.buffer,
    out: out.buffer,
    chunks,
    chunkSize,
  };
  const workers = Math.min(p.ports.length, threads ?? p.ports.length);
  for (const port of p.ports.slice(0, workers)) port.postMessage(message);
  Atomics.add(p.wake, 0, 1);
  Atomics.notify(p.wake, 0);

  const kernel = betweennessKernel(kernelModule(), off, nbr, src);
  const part = new Float64Array(n);
  let ownMs = 0;
  let own = 0;
  const compute = (c: number): void => {
    const t0 = performance.now();
    const from = c * chunkSize;
    kernel.sums(from, Math.min(src.length, from + chunkSize), part);
    if (Atomics.compareExchange(status, c, CLAIMED, WRITING) === CLAIMED) {
      out.set(part, c * n);
      Atomics.store(status, c, DONE);
    }
    ownMs += performance.now() - t0;
    own++;
  };
  return {
    status,
    out,
    chunks,
    workers,
    take(c) {
      if (Atomics.compareExchange(status, c, FREE, CLAIMED) === FREE) compute(c);
    },
    compute,
    patience: () => (own > 0 ? (STEAL_AFTER_MEANS * ownMs) / own + 5 : 50),
    ownChunks: () => own,
  };
}

/** What collecting a job's chunks waits for: status[c] to leave `value`, for at most `ms`. */
interface Wait {
  c: number;
  value: number;
  ms: number;
}

/**
 * Collects the chunks the workers still hold: waits a little for each (the yielded Waits, which
 * the caller carries out blocking or not), else computes it here. Returns the sums, or null
 * when a chunk never finished (a worker died copying it). Written once for both callers.
 */
function* collect(job: Job): Generator<Wait, Float64Array | null, void> {
  const { status } = job;
  for (let c = 0; c < job.chunks; c++) {
    let s = Atomics.load(status, c);
    if (s === CLAIMED) {
      yield { c, value: CLAIMED, ms: job.patience() };
      s = Atomics.load(status, c);
      if (s === CLAIMED) {
        job.compute(c);
        s = Atomics.load(status, c);
      }
    }
    // A worker is copying its finished chunk: a few microseconds, unless it died doing so.
    const until = performance.now() + 1000;
    while (s === WRITING && performance.now() < until) {
      yield { c, value: WRITING, ms: 10 };
      s = Atomics.load(status, c);
    }
    if (s !== DONE) return null;
  }
  lastRun = { chunks: job.chunks, byCaller: job.ownChunks(), workers: job.workers };
  return job.out;
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
  const job = postJob(g, sources, chunkSize, chunks, threads);
  if (!job) return null;
  for (let c = 0; c < chunks; c++) job.take(c);
  const waits = collect(job);
  for (let w = waits.next(); ; w = waits.next()) {
    if (w.done) return w.value;
    Atomics.wait(job.status, w.value.c, w.value.value, w.value.ms);
  }
}

/** This thread's longest stretch of chunks before it lets the event loop run (ms). */
const YIELD_AFTER_MS = 4;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `runChunks` without holding the event loop: this thread computes chunks in stretches of a
 * few milliseconds and lets other work run between them (the next region's projection being
 * read, other requests), while the workers compute the rest; it waits for theirs with
 * `Atomics.waitAsync`. The same chunks, so the same sums.
 */
export async function runChunksAsync(
  g: { n: number; off: Int32Array; nbr: Int32Array },
  sources: Int32Array,
  chunkSize: number,
  chunks: number,
  threads?: number,
): Promise<Float64Array | null> {
  const job = postJob(g, sources, chunkSize, chunks, threads);
  if (!job) return null;
  let since = performance.now();
  for (let c = 0; c < chunks; c++) {
    job.take(c);
    if (performance.now() - since >= YIELD_AFTER_MS) {
      await nextTurn();
      since = performance.now();
    }
  }
  const waits = collect(job);
  for (let w = waits.next(); ; w = waits.next()) {
    if (w.done) return w.value;
    const wait = Atomics.waitAsync(job.status, w.value.c, w.value.value, w.value.ms);
    if (wait.async) await wait.value;
  }
}
