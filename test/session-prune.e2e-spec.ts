import { createHash } from 'node:crypto';
import request from 'supertest';
import { LoginThrottle } from '../src/auth/login-throttle.entity.js';
import { SessionPruner } from '../src/auth/session-pruner.js';
import { Session } from '../src/auth/session.entity.js';
import { bearer, login, type Session as SignedIn } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const ago = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);

describeDb('pruning ended sessions and old sign-in throttle rows', () => {
  let database: TestDatabase;
  let t: TestApp;
  let live: SignedIn;

  const sessionIds = async (): Promise<string[]> =>
    (await t.db.getRepository(Session).find()).map((s) => s.id);

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({}, database);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  /** Four sessions of one user, each ended a different way but one, and throttle rows old and new. */
  async function arrange(): Promise<Record<string, string>> {
    const signed = [];
    for (let i = 0; i < 4; i++) signed.push(await login(t.server, 'officer.bkd'));
    live = signed[0];
    const sessions = t.db.getRepository(Session);
    const [liveId, expiredId, revokedId, ancientId] = await Promise.all(
      signed.map(async (x) => (await sessions.findOneByOrFail({ tokenHash: sha256(x.token) })).id),
    );
    await sessions.update({ id: expiredId }, { expiresAt: ago(10) });
    await sessions.update({ id: revokedId }, { revokedAt: ago(10) });
    await sessions.update({ id: ancientId }, { createdAt: ago(8 * 24 * 60) });
    const throttles = t.db.getRepository(LoginThrottle);
    await throttles.save([
      { key: 'user:lama', failures: 3, windowStartedAt: ago(60), lockedUntil: null },
      { key: 'ip:10.80.0.1', failures: 30, windowStartedAt: ago(40), lockedUntil: ago(20) },
      { key: 'user:baru', failures: 2, windowStartedAt: ago(5), lockedUntil: null },
      // Window passed, but still locked: kept until the lock ends.
      { key: 'user:terkunci', failures: 5, windowStartedAt: ago(16), lockedUntil: ago(-10) },
    ]);
    return { liveId, expiredId, revokedId, ancientId };
  }

  it('removes expired, revoked and too-old sessions and passed throttle rows; keeps the rest', async () => {
    const ids = await arrange();
    const pruned = await t.app.get(SessionPruner).prune();
    expect(pruned.sessions).toBeGreaterThanOrEqual(3);
    expect(pruned.throttles).toBeGreaterThanOrEqual(2);
    const left = await sessionIds();
    expect(left).toContain(ids.liveId);
    expect(left).not.toContain(ids.expiredId);
    expect(left).not.toContain(ids.revokedId);
    expect(left).not.toContain(ids.ancientId);
    const keys = (await t.db.getRepository(LoginThrottle).find()).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['user:baru', 'user:terkunci']));
    expect(keys).not.toContain('user:lama');
    expect(keys).not.toContain('ip:10.80.0.1');
    // The live session still signs in; the lock still holds.
    await request(t.server).get('/api/auth/me').set(bearer(live)).expect(200);
    expect(
      await t.db.getRepository(LoginThrottle).findOneBy({ key: 'user:terkunci' }),
    ).toMatchObject({ failures: 5 });
  });

  it('prunes at start-up and schedules the periodic prune on a timer that keeps no process alive', async () => {
    const ids = await arrange();
    await t.close();
    t = await startTestApp({}, database);
    const left = await sessionIds();
    expect(left).toContain(ids.liveId);
    expect(left).not.toContain(ids.expiredId);
    expect(left).not.toContain(ids.revokedId);
    expect(left).not.toContain(ids.ancientId);
    const keys = (await t.db.getRepository(LoginThrottle).find()).map((r) => r.key);
    expect(keys).not.toContain('user:lama');
    expect(t.app.get(SessionPruner).scheduled).toEqual({ active: true, keepsProcessAlive: false });
    await request(t.server).get('/api/auth/me').set(bearer(live)).expect(200);
  });
});
