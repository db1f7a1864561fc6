import request from 'supertest';
import { LoginThrottle } from '../src/auth/login-throttle.entity.js';
import { DEMO_PASSWORD } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

type Server = import('node:http').Server;

const signIn = (server: Server, username: string, password: string, forwarded: string) =>
  request(server)
    .post('/api/auth/login')
    .set('X-Forwarded-For', forwarded)
    .set('X-Forwarded-Proto', 'https')
    .send({ username, password });

const sessionCookie = (res: request.Response): string =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('mutu_session='))!;

/** Three wrong passwords at once (other user names each time) claiming to come from `forwarded`. */
const threeFailures = (server: Server, forwarded: (i: number) => string) =>
  Promise.all(
    Array.from({ length: 3 }, (_, i) =>
      signIn(server, `tamu.proxy${i}`, 'salah', forwarded(i)).then((r) => r.status),
    ),
  );

/**
 * Brings an address to one failure short of its lock, as 26 more failures would (30 real parallel
 * ones are sent in auth-lockout.e2e-spec.ts; here only which address is counted is in question).
 */
const nearlyLocked = (t: TestApp, key: string) =>
  t.db.getRepository(LoginThrottle).update({ key }, { failures: 29 });

const addressKeys = async (t: TestApp): Promise<string[]> =>
  (await t.db.getRepository(LoginThrottle).find())
    .filter((r) => r.key.startsWith('ip:') && r.failures > 0)
    .map((r) => r.key)
    .sort();

describeDb('TRUST_PROXY: a balancer on another host (hop count 1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('marks the session cookie Secure behind X-Forwarded-Proto: https', async () => {
    const res = await signIn(t.server, 'officer.rsud', DEMO_PASSWORD, '10.50.0.1').expect(200);
    expect(sessionCookie(res)).toMatch(/;\s*Secure/i);
  });

  it('locks the client address from X-Forwarded-For, not the balancer’s', async () => {
    expect(await threeFailures(t.server, () => '10.50.1.1')).toEqual([401, 401, 401]);
    expect(await addressKeys(t)).toEqual(['ip:10.50.1.1']);
    await nearlyLocked(t, 'ip:10.50.1.1');
    await signIn(t.server, 'tamu.proxy9', 'salah', '10.50.1.1').expect(401);
    await signIn(t.server, 'officer.dukcapil', DEMO_PASSWORD, '10.50.1.1').expect(429);
    // Another office behind the same balancer still signs in.
    await signIn(t.server, 'officer.dukcapil', DEMO_PASSWORD, '10.50.1.2').expect(200);
  });

  it('believes only the last hop: an address the client put in front is not its own', async () => {
    await signIn(t.server, 'tamu.depan', 'salah', '1.2.3.4, 10.50.2.2').expect(401);
    expect(await addressKeys(t)).toContain('ip:10.50.2.2');
    expect(await addressKeys(t)).not.toContain('ip:1.2.3.4');
  });
});

describeDb('TRUST_PROXY=false: connected directly, X-Forwarded-* ignored', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not mark the cookie Secure on plain HTTP, whatever X-Forwarded-Proto says', async () => {
    const res = await signIn(t.server, 'officer.rsud', DEMO_PASSWORD, '10.60.0.1').expect(200);
    expect(sessionCookie(res)).not.toMatch(/Secure/i);
  });

  it('counts failures against the connecting address: a forged X-Forwarded-For escapes nothing', async () => {
    expect(await threeFailures(t.server, (i) => `10.60.1.${i + 1}`)).toEqual([401, 401, 401]);
    const keys = await addressKeys(t);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/127\.0\.0\.1|::1/);
    await nearlyLocked(t, keys[0]);
    await signIn(t.server, 'tamu.proxy9', 'salah', '10.60.1.9').expect(401);
    await signIn(t.server, 'officer.dukcapil', DEMO_PASSWORD, '10.60.9.9').expect(429);
  });
});

describeDb('TRUST_PROXY as a list that does not include the connecting address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '203.0.113.7, 198.51.100.0/24' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ignores X-Forwarded-* from a host that is not a listed proxy', async () => {
    const res = await signIn(t.server, 'officer.rsud', DEMO_PASSWORD, '10.70.0.1').expect(200);
    expect(sessionCookie(res)).not.toMatch(/Secure/i);
    await signIn(t.server, 'tamu.daftar', 'salah', '10.70.0.2').expect(401);
    expect(await addressKeys(t)).not.toContain('ip:10.70.0.2');
  });
});
