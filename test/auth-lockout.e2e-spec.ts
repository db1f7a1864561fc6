import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { LoginThrottle } from '../src/auth/login-throttle.entity.js';
import { DEMO_PASSWORD } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, describeDb } from './support/test-db.js';

type Server = import('node:http').Server;

const attempt = (server: Server, username: string, password: string, address: string) =>
  request(server)
    .post('/api/auth/login')
    .set('X-Forwarded-For', address)
    .send({ username, password });

/** Sends `count` sign-ins at once and returns their status codes, sorted. */
async function burst(
  servers: Server[],
  count: number,
  make: (i: number) => { username: string; password: string; address: string },
): Promise<number[]> {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const { username, password, address } = make(i);
      return attempt(servers[i % servers.length], username, password, address);
    }),
  );
  return results.map((r) => r.status).sort();
}

describeDb('sign-in lockout under concurrency', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('20 parallel wrong passwords lock the user name: the right one right after gets 429, never a 500', async () => {
    const statuses = await burst([t.server], 20, (i) => ({
      username: 'officer.bkd',
      password: `tebakan-${i}`,
      address: `10.20.0.${i + 1}`,
    }));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // At most 5 of the 20 guesses were even checked against the password; the rest were refused.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    const res = await attempt(t.server, 'officer.bkd', DEMO_PASSWORD, '10.20.1.1').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
    expect(res.body.code).toBe('too_many_attempts');
    const failed = await t.db.getRepository(AuditEvent).countBy({
      action: 'auth.login_failed',
      entityId: 'officer.bkd',
    });
    expect(failed).toBe(statuses.filter((s) => s === 401).length);
  });

  it('parallel wrong passwords from one address lock the address after 30, across user names', async () => {
    const statuses = await burst([t.server], 34, (i) => ({
      username: `tamu.paralel${i}`,
      password: 'x',
      address: '10.21.0.1',
    }));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(30);
    await attempt(t.server, 'officer.dukcapil', DEMO_PASSWORD, '10.21.0.1').expect(429);
    await attempt(t.server, 'officer.dukcapil', DEMO_PASSWORD, '10.21.0.2').expect(200);
  });

  it('a successful sign-in forgives its user name and does not count against its address', async () => {
    for (let i = 0; i < 4; i++)
      await attempt(t.server, 'officer.rsud', `salah-${i}`, '10.22.0.1').expect(401);
    await attempt(t.server, 'officer.rsud', DEMO_PASSWORD, '10.22.0.1').expect(200);
    const rows = await t.db
      .getRepository(LoginThrottle)
      .findBy([{ key: 'user:officer.rsud' }, { key: 'ip:10.22.0.1' }]);
    expect(rows.find((r) => r.key === 'user:officer.rsud')).toBeUndefined();
    expect(rows.find((r) => r.key === 'ip:10.22.0.1')).toMatchObject({
      failures: 4,
      lockedUntil: null,
    });
    // Counting starts again from zero for the user name.
    for (let i = 0; i < 4; i++)
      await attempt(t.server, 'officer.rsud', `salah-lagi-${i}`, '10.22.0.1').expect(401);
    await attempt(t.server, 'officer.rsud', DEMO_PASSWORD, '10.22.0.1').expect(200);
  });

  it('a lock ends after its time and counting starts afresh', async () => {
    for (let i = 0; i < 5; i++)
      await attempt(t.server, 'officer.setda', `salah-${i}`, '10.23.0.1').expect(401);
    await attempt(t.server, 'officer.setda', DEMO_PASSWORD, '10.23.0.2').expect(429);
    // Move the lock and its window into the past, as 16 minutes of waiting would.
    const past = new Date(Date.now() - 16 * 60_000);
    await t.db
      .getRepository(LoginThrottle)
      .update({ key: 'user:officer.setda' }, { lockedUntil: past, windowStartedAt: past });
    await attempt(t.server, 'officer.setda', 'salah-lagi', '10.23.0.3').expect(401);
    expect(
      await t.db.getRepository(LoginThrottle).findOneBy({ key: 'user:officer.setda' }),
    ).toMatchObject({ failures: 1, lockedUntil: null });
    await attempt(t.server, 'officer.setda', DEMO_PASSWORD, '10.23.0.4').expect(200);
  });
});

describeDb('sign-in lockout shared by two app instances on one database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const database = await createTestDatabase();
    a = await startTestApp({}, database);
    b = await startTestApp({}, database);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await a?.database.drop();
  });

  it('parallel wrong passwords spread over both instances lock the account on both', async () => {
    const statuses = await burst([a.server, b.server], 20, (i) => ({
      username: 'assessor',
      password: `tebakan-${i}`,
      address: `10.30.0.${i + 1}`,
    }));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    await attempt(a.server, 'assessor', DEMO_PASSWORD, '10.30.1.1').expect(429);
    await attempt(b.server, 'assessor', DEMO_PASSWORD, '10.30.1.2').expect(429);
  });
});
