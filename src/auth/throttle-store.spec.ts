import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from '../database/snake-naming.strategy.js';
import { LoginThrottle } from './login-throttle.entity.js';
import {
  ADDRESS_THROTTLE,
  afterFailure,
  DEFAULT_THROTTLE,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle-rule.js';
import { countAttempt, giveBackAttempt, pruneThrottles } from './throttle-store.js';

/** A tiny seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('the atomic throttle statement (SQLite) against the pure rule', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [LoginThrottle],
      namingStrategy: new SnakeNamingStrategy(),
      synchronize: true,
    });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it.each([
    ['user', DEFAULT_THROTTLE, 1],
    ['user', DEFAULT_THROTTLE, 2],
    ['ip', ADDRESS_THROTTLE, 3],
  ] as [string, ThrottlePolicy, number][])(
    'agrees with afterFailure over 400 attempts at random times (%s, seed %i)',
    async (kind, policy, seed) => {
      const key = `${kind}:seed-${seed}`;
      const next = random(seed);
      let now = Date.UTC(2026, 11, 1, 1, 0);
      let model: ThrottleState | null = null;
      for (let i = 0; i < 400; i++) {
        // Mostly bursts, sometimes a pause past the window or the lock.
        now += next() < 0.9 ? Math.floor(next() * 30_000) : Math.floor(next() * 40 * 60_000);
        const at = new Date(now);
        model = afterFailure(model, at, policy);
        const counted = await countAttempt(db, key, at, policy);
        expect({ i, ...counted }).toEqual({
          i,
          ...model,
          refused: model.failures > policy.maxFailures,
        });
      }
    },
  );

  it('refuses the attempt after the limit, and a give-back lifts a lock the success itself reached', async () => {
    const at = new Date(Date.UTC(2026, 11, 1, 2, 0));
    for (let i = 1; i <= 4; i++)
      expect(await countAttempt(db, 'user:a', at, DEFAULT_THROTTLE)).toMatchObject({
        failures: i,
        lockedUntil: null,
        refused: false,
      });
    const fifth = await countAttempt(db, 'user:a', at, DEFAULT_THROTTLE);
    expect(fifth).toMatchObject({ failures: 5, refused: false });
    expect(fifth.lockedUntil).toEqual(new Date(at.getTime() + 15 * 60_000));
    expect(await countAttempt(db, 'user:a', at, DEFAULT_THROTTLE)).toMatchObject({
      refused: true,
    });
    await countAttempt(db, 'ip:10.0.0.1', at, ADDRESS_THROTTLE);
    await giveBackAttempt(db, 'ip:10.0.0.1', ADDRESS_THROTTLE);
    expect(await db.getRepository(LoginThrottle).findOneBy({ key: 'ip:10.0.0.1' })).toBeNull();
    for (let i = 0; i < 30; i++) await countAttempt(db, 'ip:10.0.0.2', at, ADDRESS_THROTTLE);
    await giveBackAttempt(db, 'ip:10.0.0.2', ADDRESS_THROTTLE);
    expect(await db.getRepository(LoginThrottle).findOneBy({ key: 'ip:10.0.0.2' })).toMatchObject({
      failures: 29,
      lockedUntil: null,
    });
  });

  it('prunes only rows whose window and lock have both passed', async () => {
    const at = new Date(Date.UTC(2026, 11, 2, 2, 0));
    await countAttempt(db, 'user:old', new Date(at.getTime() - 20 * 60_000), DEFAULT_THROTTLE);
    await countAttempt(db, 'user:new', at, DEFAULT_THROTTLE);
    const later = new Date(at.getTime() + 60_000);
    await pruneThrottles(db, later, 15 * 60_000);
    const keys = (await db.getRepository(LoginThrottle).find()).map((r) => r.key);
    expect(keys).toContain('user:new');
    expect(keys).not.toContain('user:old');
  });
});
