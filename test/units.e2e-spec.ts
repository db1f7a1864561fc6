import request from 'supertest';
import { Seeder } from '../src/seeding/seeder.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

interface UnitBody {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  withdrawnAt: string | null;
}

describeDb('units: an administrator adds, renames, withdraws and restores them', () => {
  let t: TestApp;
  let admin: Session;
  let org: string;

  const unitsOf = async (s: Session): Promise<UnitBody[]> =>
    (await request(t.server).get(`/api/organisations/${org}/units`).set(bearer(s)).expect(200))
      .body as UnitBody[];
  const auditOf = async (entityId: string) =>
    (
      await request(t.server)
        .get(`/api/audit-events?entity=unit&entityId=${entityId}`)
        .set(bearer(admin))
        .expect(200)
    ).body.items as {
      action: string;
      changes: Record<string, { before: unknown; after: unknown }>;
    }[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t.server, 'admin');
    org = (await request(t.server).get('/api/organisations').set(bearer(admin))).body[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds a unit, trimmed, listed with the others and audited', async () => {
    const res = await request(t.server)
      .post(`/api/organisations/${org}/units`)
      .set(bearer(admin))
      .send({ code: 'DINKES', name: '  Dinas Kesehatan Kota Kupang ', shortName: ' ' })
      .expect(201);
    expect(res.body).toMatchObject({
      code: 'DINKES',
      name: 'Dinas Kesehatan Kota Kupang',
      shortName: null,
      withdrawnAt: null,
    });
    expect((await unitsOf(admin)).map((u) => u.code)).toEqual([
      'BKD',
      'DINKES',
      'DUKCAPIL',
      'RSUD',
      'SETDA',
    ]);
    const [event] = await auditOf(res.body.id);
    expect(event.action).toBe('unit.create');
    expect(event.changes.name).toEqual({ before: null, after: 'Dinas Kesehatan Kota Kupang' });
  });

  it('refuses a code already used in the organisation, in the caller’s language', async () => {
    const res = await request(t.server)
      .post(`/api/organisations/${org}/units`)
      .set(bearer(admin))
      .set('Accept-Language', 'en')
      .send({ code: 'RSUD', name: 'Another hospital' })
      .expect(409);
    expect(res.body.code).toBe('unit_code_taken');
    expect(res.body.message).toBe('The unit code RSUD is already used in this organisation.');
  });

  it('refuses a malformed code and unknown fields, naming the field', async () => {
    const bad = await request(t.server)
      .post(`/api/organisations/${org}/units`)
      .set(bearer(admin))
      .send({ code: 'dinas sosial', name: 'Dinas Sosial' })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'code', rule: 'matches' })]);
    await request(t.server)
      .post(`/api/organisations/${org}/units`)
      .set(bearer(admin))
      .send({ code: 'DINSOS', name: 'Dinas Sosial', withdrawnAt: null })
      .expect(400);
  });

  it('only an administrator manages units', async () => {
    for (const username of ['officer.dukcapil', 'assessor', 'management']) {
      const s = await login(t.server, username);
      const res = await request(t.server)
        .post(`/api/organisations/${org}/units`)
        .set(bearer(s))
        .send({ code: 'DINSOS', name: 'Dinas Sosial' })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await unitsOf(admin)).map((u) => u.code)).not.toContain('DINSOS');
  });

  it('a renamed seeded unit keeps its new name when the seed file is loaded again', async () => {
    const setda = (await unitsOf(admin)).find((u) => u.code === 'SETDA')!;
    await request(t.server)
      .patch(`/api/units/${setda.id}`)
      .set(bearer(admin))
      .send({ name: 'Sekretariat Daerah Kota Kupang (Bagian Organisasi)' })
      .expect(200);
    // Every start loads seeds/organisations again; the administrator's name must survive it.
    const report = await new Seeder(t.db, t.config).seed({ demo: false });
    expect(report.organisations[0]).toMatchObject({ unitsUpdated: 0 });
    const after = (await unitsOf(admin)).find((u) => u.code === 'SETDA')!;
    expect(after.name).toBe('Sekretariat Daerah Kota Kupang (Bagian Organisasi)');
    const [event] = await auditOf(setda.id);
    expect(event.action).toBe('unit.update');
    expect(event.changes).toEqual({
      name: {
        before: 'Sekretariat Daerah Kota Kupang',
        after: 'Sekretariat Daerah Kota Kupang (Bagian Organisasi)',
      },
    });
  });

  it('a withdrawn unit leaves lists, the city summary and the scope choices; restoring brings it back', async () => {
    const bkd = (await unitsOf(admin)).find((u) => u.code === 'BKD')!;
    const cityBefore = (
      await request(t.server).get(`/api/organisations/${org}/readiness`).set(bearer(admin))
    ).body as { unitCount: number; units: { code: string }[] };

    const withdrawn = await request(t.server)
      .patch(`/api/units/${bkd.id}`)
      .set(bearer(admin))
      .send({ withdrawn: true })
      .expect(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect((await unitsOf(admin)).map((u) => u.code)).not.toContain('BKD');
    const city = (
      await request(t.server).get(`/api/organisations/${org}/readiness`).set(bearer(admin))
    ).body as { unitCount: number; units: { code: string }[] };
    expect(city.unitCount).toBe(cityBefore.unitCount - 1);
    expect(city.units.map((u) => u.code)).not.toContain('BKD');
    // Its records stay readable by id (history is kept).
    await request(t.server).get(`/api/units/${bkd.id}`).set(bearer(admin)).expect(200);
    // Nobody can be given a withdrawn unit.
    const refused = await request(t.server)
      .post('/api/users')
      .set(bearer(admin))
      .send({
        username: 'officer.bkd2',
        displayName: 'Petugas BKD',
        role: 'quality_officer',
        password: 'kata-sandi-panjang',
        unitIds: [bkd.id],
      })
      .expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'unitIds', rule: 'unknownUnits' });

    await request(t.server)
      .patch(`/api/units/${bkd.id}`)
      .set(bearer(admin))
      .send({ withdrawn: false })
      .expect(200);
    expect((await unitsOf(admin)).map((u) => u.code)).toContain('BKD');
    expect((await auditOf(bkd.id)).map((e) => e.action)).toEqual(['unit.restore', 'unit.withdraw']);
  });

  it('a unit added in the app can start an assessment cycle and has a readiness figure', async () => {
    const dinkes = (await unitsOf(admin)).find((u) => u.code === 'DINKES')!;
    const assessor = (
      (await request(t.server).get('/api/users').set(bearer(admin))).body as {
        id: string;
        username: string;
      }[]
    ).find((u) => u.username === 'assessor')!;
    await request(t.server)
      .post(`/api/units/${dinkes.id}/assessments`)
      .set(bearer(admin))
      .send({
        type: 'gap_assessment',
        title: 'Gap assessment — Dinkes',
        startsOn: '2026-11-23',
        assessorIds: [assessor.id],
      })
      .expect(201);
    const readiness = await request(t.server)
      .get(`/api/units/${dinkes.id}/readiness`)
      .set(bearer(admin))
      .expect(200);
    expect(readiness.body.score).toBe(0);
    expect(readiness.body.ready).toBe(false);
  });

  it('saving a user without changing the role does not end their session', async () => {
    const officer = await login(t.server, 'officer.dukcapil');
    await request(t.server)
      .patch(`/api/users/${officer.user.id}`)
      .set(bearer(admin))
      .send({ displayName: 'Yanti Tefa, S.Kom.', role: 'quality_officer' })
      .expect(200);
    await request(t.server).get('/api/auth/me').set(bearer(officer)).expect(200);
    await request(t.server)
      .patch(`/api/users/${officer.user.id}`)
      .set(bearer(admin))
      .send({ role: 'management' })
      .expect(200);
    await request(t.server).get('/api/auth/me').set(bearer(officer)).expect(401);
  });
});
