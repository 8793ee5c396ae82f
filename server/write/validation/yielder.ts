/** Yields to the event loop now and then, so that writes already under way keep going. */
export class Yielder {
  private last = performance.now();
  private n = 0;
  constructor(private readonly enabled: boolean) {}
  /** Cheap: looks at the clock every 256 calls only. */
  due(): boolean {
    if (!this.enabled || (++this.n & 255) !== 0) return false;
    return performance.now() - this.last >= 20;
  }
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
