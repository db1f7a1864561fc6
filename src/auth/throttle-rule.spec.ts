import { afterFailure, isLocked, policyFor, retryAfterSeconds } from './throttle-rule.js';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 10, 23, 1, 0) + minutes * 60_000);

describe('sign-in throttling', () => {
  it('locks a user name after 5 failures within 15 minutes, for 15 minutes', () => {
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i));
    expect(isLocked(state, at(4))).toBe(false);
    state = afterFailure(state, at(4));
    expect(isLocked(state, at(4))).toBe(true);
    expect(retryAfterSeconds(state, at(4))).toBe(15 * 60);
    expect(isLocked(state, at(19))).toBe(false);
  });

  it('starts counting afresh once the window has passed', () => {
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i));
    state = afterFailure(state, at(16));
    expect(state).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it('gives an address (an office behind NAT) more room than a user name', () => {
    expect(policyFor('user:admin').maxFailures).toBe(5);
    expect(policyFor('ip:10.0.0.1').maxFailures).toBe(30);
    let state = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < 29; i++) state = afterFailure(state, at(0), policyFor('ip:10.0.0.1'));
    expect(isLocked(state, at(0))).toBe(false);
  });
});
