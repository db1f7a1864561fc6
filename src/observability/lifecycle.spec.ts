import { Lifecycle } from './lifecycle.js';

describe('Lifecycle', () => {
  it('is idle only when no request and no handler is in flight', async () => {
    const life = new Lifecycle();
    const endRequest = life.requestStarted();
    const endHandler = life.handlerStarted();
    let idle = false;
    const waiting = life.whenIdle().then(() => (idle = true));
    endRequest();
    endRequest(); // twice: counted once
    await Promise.resolve();
    expect(idle).toBe(false);
    expect(life.inFlight()).toEqual({ requests: 0, handlers: 1 });
    endHandler();
    await waiting;
    expect(idle).toBe(true);
  });

  it('drains once, and says so', () => {
    const life = new Lifecycle();
    expect(life.draining).toBe(false);
    life.beginDrain();
    life.beginDrain();
    expect(life.draining).toBe(true);
  });
});
