/** A place in line was refused: the line is full, or the wait for a place ran out. */
export class QueueRefused extends Error {
  constructor(
    readonly reason: 'full' | 'wait',
    /** How long the refused caller waited, in milliseconds (0 when the line was full). */
    readonly waitedMs: number,
  ) {
    super(reason === 'full' ? 'The line is full' : `No place within ${waitedMs} ms`);
    this.name = 'QueueRefused';
  }
}

export interface AcquireOptions {
  /** Most callers waiting at once; one more is refused at once. Default: no bound. */
  maxWaiting?: number;
  /** Most milliseconds to wait for a place; then refused and out of the line. Default: no bound. */
  waitMs?: number;
}

interface Waiter {
  admit: () => void;
  refuse: (error: Error) => void;
}

/** At most `limit` holders at once; the others wait and are let in first come, first served. */
export class FifoSemaphore {
  private holders = 0;
  private readonly waiters: Waiter[] = [];

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

  /**
   * Resolves with a release function once a place is free; calling release more than once is
   * harmless. Rejects with QueueRefused when the line already holds `maxWaiting` callers, or when
   * no place came free within `waitMs` (the caller then leaves the line).
   */
  async acquire(options: AcquireOptions = {}): Promise<() => void> {
    if (this.holders < this.limit && this.waiters.length === 0) {
      this.holders++;
    } else {
      if (this.waiters.length >= (options.maxWaiting ?? Number.POSITIVE_INFINITY))
        throw new QueueRefused('full', 0);
      // The releasing holder hands its place straight to us, so `holders` does not change.
      await new Promise<void>((admit, refuse) => {
        let timer: NodeJS.Timeout | undefined;
        const waiter: Waiter = {
          admit: () => {
            clearTimeout(timer);
            admit();
          },
          refuse: (error) => {
            clearTimeout(timer);
            refuse(error);
          },
        };
        this.waiters.push(waiter);
        if (options.waitMs !== undefined) {
          const waitMs = options.waitMs;
          timer = setTimeout(() => {
            const at = this.waiters.indexOf(waiter);
            if (at < 0) return; // admitted meanwhile
            this.waiters.splice(at, 1);
            refuse(new QueueRefused('wait', waitMs));
          }, waitMs);
        }
      });
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
