import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { Session as SessionRow } from '../src/auth/session.entity.js';
import { User } from '../src/auth/user.entity.js';
import { bearer, DEMO_PASSWORD, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, describeDb } from './support/test-db.js';

describeDb('sign-in, sessions, scope and the audit trail', () => {
  let t: TestApp;
  let admin: Session;
  let units: { id: string; code: string }[];
  let orgId: string;
  const unit = (code: string): string => units.find((u) => u.code === code)!.id;
  const events = (action: string) => t.db.getRepository(AuditEvent).findBy({ action });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t.server, 'admin');
    orgId = (
      (await request(t.server).get('/api/organisations').set(bearer(admin))).body as {
        id: string;
      }[]
    )[0].id;
    units = (await request(t.server).get(`/api/organisations/${orgId}/units`).set(bearer(admin)))
      .body;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('sign-in', () => {
    it('returns a bearer token and sets an httpOnly SameSite session cookie; never the password hash', async () => {
      const res = await request(t.server)
        .post('/api/auth/login')
        .send({ username: 'officer.rsud', password: DEMO_PASSWORD })
        .expect(200);
      expect(res.body.user).toMatchObject({
        username: 'officer.rsud',
        role: 'quality_officer',
        unitIds: [unit('RSUD')],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'])
        .find((c) => c.startsWith('mutu_session='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const viaCookie = await request(t.server)
        .get('/api/auth/me')
        .set('Cookie', cookie.split(';')[0])
        .expect(200);
      const viaBearer = await request(t.server)
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(viaCookie.body).toEqual(viaBearer.body);
      expect(viaBearer.body).toMatchObject({ username: 'officer.rsud', active: true });
    });

    it('refuses a wrong password and an unknown user alike, and records the failure', async () => {
      const wrong = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '10.1.0.1')
        .send({ username: 'officer.bkd', password: 'salah-sekali' })
        .expect(401);
      const unknown = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '10.1.0.1')
        .send({ username: 'nobody', password: 'salah-sekali' })
        .expect(401);
      expect(wrong.body).toEqual({
        statusCode: 401,
        error: 'UNAUTHORIZED',
        code: 'invalid_credentials',
        message: 'Nama pengguna atau kata sandi salah.',
        requestId: wrong.headers['x-request-id'],
      });
      // The same answer for an unknown user as for a wrong password (each with its own request id).
      expect({ ...unknown.body, requestId: undefined }).toEqual({
        ...wrong.body,
        requestId: undefined,
      });
      expect((await events('auth.login_failed')).map((e) => e.entityId)).toEqual(
        expect.arrayContaining(['officer.bkd', 'nobody']),
      );
    });

    it('refuses a forged token, a revoked one and an expired one', async () => {
      await request(t.server)
        .get('/api/auth/me')
        .set('Authorization', 'Bearer forged-token-forged-token-forged-token')
        .expect(401);
      const s = await login(t.server, 'officer.setda');
      await request(t.server).post('/api/auth/logout').set(bearer(s)).expect(204);
      const revoked = await request(t.server).get('/api/auth/me').set(bearer(s)).expect(401);
      expect(revoked.body.code).toBe('session_expired');
      const e = await login(t.server, 'officer.setda');
      await t.db
        .getRepository(SessionRow)
        .update({ userId: e.user.id }, { expiresAt: new Date(Date.now() - 1000) });
      await request(t.server).get('/api/auth/me').set(bearer(e)).expect(401);
    });

    it('throttles a user name after 5 failures with 429 and Retry-After, even for the right password', async () => {
      for (let i = 0; i < 5; i++) {
        await request(t.server)
          .post('/api/auth/login')
          .set('X-Forwarded-For', '10.2.0.1')
          .send({ username: 'assessor', password: `tebak-${i}` })
          .expect(401);
      }
      const res = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '10.2.0.2')
        .send({ username: 'assessor', password: DEMO_PASSWORD })
        .expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
      expect(res.body.message).toBe(
        'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.',
      );
    });

    it('throttles an address after 30 failures across user names', async () => {
      for (let i = 0; i < 30; i++) {
        await request(t.server)
          .post('/api/auth/login')
          .set('X-Forwarded-For', '10.3.0.1')
          .send({ username: `tamu${i}`, password: 'x' })
          .expect(401);
      }
      await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '10.3.0.1')
        .send({ username: 'officer.dukcapil', password: DEMO_PASSWORD })
        .expect(429);
      await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '10.3.0.9')
        .send({ username: 'officer.dukcapil', password: DEMO_PASSWORD })
        .expect(200);
    });

    it('refuses a login body with unknown fields or missing ones, naming them', async () => {
      const res = await request(t.server)
        .post('/api/auth/login')
        .send({ username: 'admin', role: 'admin' })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'password',
        'role',
      ]);
    });
  });

  describe('sign-in body types', () => {
    it('says a user name or password that is not text must be text, not that it is too long', async () => {
      for (const username of [['a'], 5, { a: 1 }, true]) {
        const res = await request(t.server)
          .post('/api/auth/login')
          .send({ username, password: ['x'] })
          .expect(400);
        expect(res.body.details).toEqual([
          { field: 'username', rule: 'isString', message: 'harus berupa teks' },
          { field: 'password', rule: 'isString', message: 'harus berupa teks' },
        ]);
        expect(res.body.message).not.toMatch(/terlalu panjang/);
      }
      const en = await request(t.server)
        .post('/api/auth/login')
        .set('Accept-Language', 'en')
        .send({ username: ['a'], password: 'x' })
        .expect(400);
      expect(en.body.details).toEqual([
        { field: 'username', rule: 'isString', message: expect.not.stringMatching(/too long/i) },
      ]);
    });
  });

  describe('CSRF for cookie sign-ins', () => {
    it('refuses an unsafe request without the token and changes nothing; accepts it with the token', async () => {
      const s = await login(t.server, 'officer.dukcapil');
      const refused = await request(t.server)
        .patch('/api/auth/me')
        .set('Cookie', s.cookie)
        .send({ displayName: 'Diubah tanpa token' })
        .expect(403);
      expect(refused.body.code).toBe('csrf_invalid');
      const wrong = await request(t.server)
        .patch('/api/auth/me')
        .set('Cookie', s.cookie)
        .set('X-CSRF-Token', 'x'.repeat(32))
        .send({ displayName: 'Salah token' })
        .expect(403);
      expect(wrong.body.code).toBe('csrf_invalid');
      expect(
        (await t.db.getRepository(User).findOneByOrFail({ id: s.user.id })).displayName,
      ).not.toMatch(/token/);
      await request(t.server)
        .patch('/api/auth/me')
        .set('Cookie', s.cookie)
        .set('X-CSRF-Token', s.csrfToken)
        .send({ displayName: 'Koordinator Mutu Dukcapil' })
        .expect(200);
      await request(t.server)
        .patch('/api/auth/me')
        .set(bearer(s))
        .send({ displayName: 'Koordinator Mutu Dukcapil (demo)' })
        .expect(200);
    });
  });

  describe('profile and user administration', () => {
    it('refuses a role smuggled into a profile update', async () => {
      const s = await login(t.server, 'officer.bkd');
      const res = await request(t.server)
        .patch('/api/auth/me')
        .set(bearer(s))
        .send({ displayName: 'Saya', role: 'admin' })
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'role', rule: 'whitelistValidation', message: 'tidak dikenal' },
      ]);
      const row = await t.db.getRepository(User).findOneByOrFail({ id: s.user.id });
      expect({ role: row.role, displayName: row.displayName }).toEqual({
        role: 'quality_officer',
        displayName: expect.not.stringMatching(/^Saya$/),
      });
    });

    it('lets an admin create an officer scoped to one unit, audited with the fields set', async () => {
      const res = await request(t.server)
        .post('/api/users')
        .set(bearer(admin))
        .send({
          username: 'officer.kecamatan',
          displayName: 'Petugas Baru',
          role: 'quality_officer',
          password: 'kata-sandi-kuat-1',
          unitIds: [unit('SETDA')],
        })
        .expect(201);
      expect(res.body).toMatchObject({
        username: 'officer.kecamatan',
        unitIds: [unit('SETDA')],
        organisationId: orgId,
      });
      const [event] = await t.db
        .getRepository(AuditEvent)
        .findBy({ action: 'user.create', entityId: res.body.id });
      expect(event).toMatchObject({
        actorId: admin.user.id,
        changes: { role: { before: null, after: 'quality_officer' } },
        requestId: expect.any(String),
      });
      expect(JSON.stringify(event.changes)).not.toContain('kata-sandi');
      const s = await login(t.server, 'officer.kecamatan', 'kata-sandi-kuat-1');
      const visible = await request(t.server)
        .get(`/api/organisations/${orgId}/units`)
        .set(bearer(s))
        .expect(200);
      expect(visible.body.map((u: { code: string }) => u.code)).toEqual(['SETDA']);
    });

    it('writes no user and no audit event when the change is refused', async () => {
      const before = await t.db.getRepository(AuditEvent).count();
      const dup = await request(t.server)
        .post('/api/users')
        .set(bearer(admin))
        .send({
          username: 'assessor',
          displayName: 'X',
          role: 'assessor',
          password: 'kata-sandi-kuat-1',
        })
        .expect(409);
      expect(dup.body.message).toBe('Nama pengguna assessor sudah dipakai.');
      const noUnit = await request(t.server)
        .post('/api/users')
        .set(bearer(admin))
        .send({
          username: 'officer.x',
          displayName: 'X',
          role: 'quality_officer',
          password: 'kata-sandi-kuat-1',
        })
        .expect(400);
      expect(noUnit.body.details[0]).toMatchObject({ field: 'unitIds', rule: 'unitsRequired' });
      const badUnit = await request(t.server)
        .post('/api/users')
        .set(bearer(admin))
        .send({
          username: 'officer.y',
          displayName: 'Y',
          role: 'quality_officer',
          password: 'kata-sandi-kuat-1',
          unitIds: ['0b5c7d6e-1111-4222-8333-944455556666'],
        })
        .expect(400);
      expect(badUnit.body.details[0]).toMatchObject({ field: 'unitIds', rule: 'unknownUnits' });
      const officer = await login(t.server, 'officer.rsud');
      await request(t.server)
        .post('/api/users')
        .set(bearer(officer))
        .send({
          username: 'officer.z',
          displayName: 'Z',
          role: 'admin',
          password: 'kata-sandi-kuat-1',
        })
        .expect(403);
      expect(await t.db.getRepository(User).existsBy({ username: 'officer.z' })).toBe(false);
      const after = await t.db.getRepository(AuditEvent).count();
      expect(after - before).toBe(1); // the officer's sign-in above, nothing else
    });

    it('disabling a user ends their sessions and refuses their sign-in with a clear 403', async () => {
      const victim = await login(t.server, 'officer.bkd');
      const res = await request(t.server)
        .patch(`/api/users/${victim.user.id}`)
        .set(bearer(admin))
        .send({ active: false })
        .expect(200);
      expect(res.body.active).toBe(false);
      await request(t.server).get('/api/auth/me').set(bearer(victim)).expect(401);
      const refused = await request(t.server)
        .post('/api/auth/login')
        .send({ username: 'officer.bkd', password: DEMO_PASSWORD })
        .expect(403);
      expect(refused.body.message).toBe('Akun Anda dinonaktifkan. Hubungi administrator.');
      const [event] = await t.db
        .getRepository(AuditEvent)
        .findBy({ action: 'user.update', entityId: victim.user.id });
      expect(event.changes).toEqual({ active: { before: true, after: false } });
      await request(t.server)
        .patch(`/api/users/${victim.user.id}`)
        .set(bearer(admin))
        .send({ active: true })
        .expect(200);
    });
  });

  describe('unit scope', () => {
    it('hides other units from an officer addressing them directly', async () => {
      const setda = await login(t.server, 'officer.setda');
      await request(t.server)
        .get(`/api/units/${unit('SETDA')}`)
        .set(bearer(setda))
        .expect(200);
      const other = await request(t.server)
        .get(`/api/units/${unit('DUKCAPIL')}`)
        .set(bearer(setda))
        .expect(404);
      expect(other.body.message).toBe('Unit kerja tidak ditemukan.');
      const list = await request(t.server)
        .get(`/api/organisations/${orgId}/units`)
        .set(bearer(setda))
        .expect(200);
      expect(list.body.map((u: { code: string }) => u.code)).toEqual(['SETDA']);
    });

    it('gives management the whole organisation, read-only', async () => {
      const m = await login(t.server, 'management');
      const list = await request(t.server)
        .get(`/api/organisations/${orgId}/units`)
        .set(bearer(m))
        .expect(200);
      expect(list.body).toHaveLength(4);
      await request(t.server).get('/api/users').set(bearer(m)).expect(403);
    });

    it('scopes the audit trail: an officer sees their own unit and their own actions only', async () => {
      const rsud = await login(t.server, 'officer.rsud');
      const page = await request(t.server)
        .get('/api/audit-events')
        .set(bearer(rsud))
        .query({ pageSize: 200 })
        .expect(200);
      expect(page.body.items.length).toBeGreaterThan(0);
      for (const e of page.body.items as {
        actor: { id: string } | null;
        unitId: string | null;
      }[]) {
        expect(e.actor?.id === rsud.user.id || e.unitId === unit('RSUD')).toBe(true);
      }
      const all = await request(t.server)
        .get('/api/audit-events')
        .set(bearer(admin))
        .query({ entity: 'user', actor: admin.user.id })
        .expect(200);
      expect(all.body.items.every((e: { entity: string }) => e.entity === 'user')).toBe(true);
      expect(all.body.total).toBeGreaterThanOrEqual(2);
      const bad = await request(t.server)
        .get('/api/audit-events')
        .set(bearer(admin))
        .query({ since: 'kemarin', pageSize: 1000 })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'pageSize',
        'since',
      ]);
    });
  });
});

describeDb('sessions and first administrator across restarts', () => {
  it('keeps a session valid after the app restarts on the same database', async () => {
    const database = await createTestDatabase();
    const first = await startTestApp({}, database);
    const s = await login(first.server, 'assessor');
    await first.app.close();
    const second = await startTestApp({}, database);
    try {
      const me = await request(second.server).get('/api/auth/me').set(bearer(s)).expect(200);
      expect(me.body.username).toBe('assessor');
    } finally {
      await second.app.close();
      await database.drop();
    }
  });

  it('creates the first administrator of an empty production database from the environment', async () => {
    const database = await createTestDatabase({
      MUTU_DEMO: 'false',
      NODE_ENV: 'production',
      MUTU_ADMIN_USERNAME: 'bagian.organisasi',
      MUTU_ADMIN_PASSWORD: 'sangat-rahasia-2026',
    });
    const app = await startTestApp({}, database);
    try {
      expect(await app.db.getRepository(User).count()).toBe(1);
      const s = await login(app.server, 'bagian.organisasi', 'sangat-rahasia-2026');
      expect(s.user.role).toBe('admin');
      await request(app.server)
        .post('/api/auth/login')
        .send({ username: 'admin', password: DEMO_PASSWORD })
        .expect(401);
    } finally {
      await app.app.close();
      await database.drop();
    }
  });
});
