import { FifoSemaphore } from './fifo-semaphore.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FifoSemaphore', () => {
  it('lets `limit` holders in and queues the rest first come, first served', async () => {
    const semaphore = new FifoSemaphore(2);
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [1, 2, 3, 4, 5].map(async (n) => {
      const release = await semaphore.acquire();
      order.push(n);
      releases.push(release);
    });
    await tick();
    expect(order).toEqual([1, 2]);
    expect(semaphore.inUse).toBe(2);
    expect(semaphore.waiting).toBe(3);

    releases[0]();
    await tick();
    expect(order).toEqual([1, 2, 3]);
    expect(semaphore.inUse).toBe(2);

    releases[1]();
    releases[1](); // twice is once
    await tick();
    expect(order).toEqual([1, 2, 3, 4]);
    expect(semaphore.waiting).toBe(1);

    for (const release of releases.slice(2)) release();
    await tick();
    releases[4]();
    await Promise.all(tasks);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(semaphore.inUse).toBe(0);
    expect(semaphore.waiting).toBe(0);
  });

  it('does not let a newcomer jump the queue when a place frees up', async () => {
    const semaphore = new FifoSemaphore(1);
    const release = await semaphore.acquire();
    const order: string[] = [];
    const waiting = semaphore.acquire().then((r) => (order.push('waiting'), r));
    release();
    const late = semaphore.acquire().then((r) => (order.push('late'), r));
    (await waiting)();
    (await late)();
    expect(order).toEqual(['waiting', 'late']);
  });

  it('refuses those still waiting when asked, holders keep their places', async () => {
    const semaphore = new FifoSemaphore(1);
    const release = await semaphore.acquire();
    const waiting = semaphore.acquire();
    semaphore.refuseWaiting(new Error('closing'));
    await expect(waiting).rejects.toThrow('closing');
    expect(semaphore.inUse).toBe(1);
    release();
    expect(semaphore.inUse).toBe(0);
  });

  it('refuses a newcomer at once when maxWaiting are already in line', async () => {
    const semaphore = new FifoSemaphore(1);
    const release = await semaphore.acquire({ maxWaiting: 1 });
    const waiting = semaphore.acquire({ maxWaiting: 1 });
    await expect(semaphore.acquire({ maxWaiting: 1 })).rejects.toMatchObject({
      name: 'QueueRefused',
      reason: 'full',
    });
    expect(semaphore.waiting).toBe(1);
    release();
    (await waiting)();
    expect(semaphore.inUse).toBe(0);
  });

  it('takes a caller out of the line when its wait runs out, and lets the next one in', async () => {
    const semaphore = new FifoSemaphore(1);
    const release = await semaphore.acquire();
    const gaveUp = semaphore.acquire({ waitMs: 1 });
    const patient = semaphore.acquire();
    await expect(gaveUp).rejects.toMatchObject({ name: 'QueueRefused', reason: 'wait' });
    expect(semaphore.waiting).toBe(1);
    release();
    (await patient)();
    expect(semaphore).toMatchObject({ inUse: 0, waiting: 0 });
  });

  it('needs a positive whole limit', () => {
    expect(() => new FifoSemaphore(0)).toThrow(RangeError);
    expect(() => new FifoSemaphore(1.5)).toThrow(RangeError);
  });
});
