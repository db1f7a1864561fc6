/** At most `limit` holders at once; the others wait and are let in first come, first served. */
export class FifoSemaphore {
  private holders = 0;
  private readonly waiters: { admit: () => void; refuse: (error: Error) => void }[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  get inUse(): number {
    return this.holders;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves with a release function once a place is free; calling release more than once is harmless. */
  async acquire(): Promise<() => void> {
    if (this.holders < this.limit && this.waiters.length === 0) {
      this.holders++;
    } else {
      // The releasing holder hands its place straight to us, so `holders` does not change.
      await new Promise<void>((admit, refuse) => this.waiters.push({ admit, refuse }));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.admit();
      else this.holders--;
    };
  }

  /** Turns away everyone still waiting (holders keep their places). */
  refuseWaiting(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.refuse(error);
  }
}
