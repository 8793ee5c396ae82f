/**
 * Committed writes, announced in this process: after every write that changed something, its
 * new graph version goes to the listeners (server/graphql/warm.ts recomputes the maps and
 * analytics people use, before they ask). Listeners run after the commit and cannot fail the
 * write. Writes by other processes are seen by polling the graph version instead.
 */
type Listener = (graphVersion: number) => void;

const listeners = new Set<Listener>();

/** Calls `listener` after each committed write of this process; returns the unsubscribe. */
export function onCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceCommitted(graphVersion: number): void {
  for (const l of listeners) {
    try {
      l(graphVersion);
    } catch {
      // a listener's failure is its own
    }
  }
}
