/** Sign-in throttling as a pure rule: N failures within a window lock the key for a while. */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** One office often signs in through one address (NAT): an address gets more room than a user name. */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  maxFailures: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

export const policyFor = (key: string): ThrottlePolicy =>
  key.startsWith('ip:') ? ADDRESS_THROTTLE : DEFAULT_THROTTLE;

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil > now;
}

/** Seconds until a locked key may try again (for Retry-After). */
export function retryAfterSeconds(state: ThrottleState | null, now: Date): number {
  return state?.lockedUntil
    ? Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000))
    : 0;
}

/**
 * The state after one more attempt counted against a key (the store counts an attempt before the
 * password is checked, in one atomic statement: throttle-store.ts). A key still locked keeps its
 * lock and its end (the attempt is refused: failures then exceed the limit); one whose window or
 * lock has passed starts afresh.
 */
export function afterFailure(
  state: ThrottleState | null,
  now: Date,
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): ThrottleState {
  if (state && isLocked(state, now)) return { ...state, failures: state.failures + 1 };
  const fresh =
    !state ||
    now.getTime() - state.windowStartedAt.getTime() > policy.windowMs ||
    (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    windowStartedAt: fresh ? now : state.windowStartedAt,
    lockedUntil: failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null,
  };
}
