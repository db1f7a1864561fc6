import { AdmissionGate } from './admission.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('admission gate', () => {
  it('admits up to the limit, refuses beyond it, and admits again once one leaves', () => {
    const gate = new AdmissionGate(2);
    expect([gate.tryEnter(), gate.tryEnter(), gate.tryEnter()]).toEqual([true, true, false]);
    expect(gate.inflight).toBe(2);
    gate.leave();
    expect(gate.tryEnter()).toBe(true);
  });

  it('without limits it admits everything', () => {
    const gate = new AdmissionGate(0, 0);
    expect(gate.enabled).toBe(false);
    for (let i = 0; i < 1000; i++) expect(gate.tryEnter()).toBe(true);
  });

  it('refuses while the event loop runs later than the lag limit, and admits again after', async () => {
    const gate = new AdmissionGate(0, 100);
    try {
      // Block the event loop for 400 ms: the next lag sample is at least that late.
      const until = Date.now() + 400;
      while (Date.now() < until);
      for (let i = 0; i < 200 && gate.lagMs <= 100; i++) await tick(10);
      expect(gate.lagMs).toBeGreaterThan(100);
      expect(gate.tryEnter()).toBe(false);
      // Idle again: the samples return under the limit (however busy the machine, eventually).
      for (let i = 0; i < 1000 && !gate.tryEnter(); i++) await tick(20);
      expect(gate.lagMs).toBeLessThanOrEqual(100);
    } finally {
      gate.stop();
    }
  }, 60_000);
});
