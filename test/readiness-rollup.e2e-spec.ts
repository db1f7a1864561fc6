import { hashPassword } from '../src/auth/passwords.js';
import request from 'supertest';
import { User } from '../src/auth/user.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { UnitReadinessRecord } from '../src/readiness/unit-readiness.entity.js';
import { bearer, DEMO_PASSWORD, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

interface UnitRow {
  unitId: string;
  code: string;
  name: string;
  score: number | null;
  ready: boolean;
  overdueActions: number;
}

describeDb('readiness roll-up: pages of units, totals over all, the national list', () => {
  let t: TestApp;
  let admin: Session;
  let management: Session;
  let officer: Session;
  let national: Session;
  let kupang: string;
  let other: string;

  const get = (s: Session, path: string) => request(t.server).get(path).set(bearer(s));

  beforeAll(async () => {
    t = await startTestApp();
    [admin, management, officer] = await Promise.all(
      ['admin', 'management', 'officer.dukcapil'].map((u) => login(t.server, u)),
    );
    [{ id: kupang }] = (await get(admin, '/api/organisations')).body;
    // A second local government; its units come in below, through the API.
    const org = await t.db.getRepository(Organisation).save(
      t.db.getRepository(Organisation).create({
        code: 'kab-alor',
        name: 'Kabupaten Alor',
        province: 'Nusa Tenggara Timur',
        reportPrefix: 'ALR',
      }),
    );
    other = org.id;
    // A national administrator: an administrator of no organisation.
    await t.db.getRepository(User).save(
      t.db.getRepository(User).create({
        username: 'admin.nasional',
        displayName: 'Admin Nasional',
        role: 'admin',
        organisationId: null,
        passwordHash: await hashPassword(DEMO_PASSWORD, t.config.passwordCost),
      }),
    );
    national = await login(t.server, 'admin.nasional');
    for (const code of ['DINKES', 'BAPPEDA', 'DISDIK'])
      await request(t.server)
        .post(`/api/organisations/${other}/units`)
        .set(bearer(national))
        .send({ code, name: `${code} Alor` })
        .expect(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('pages an organisation’s units while the totals cover all of them', async () => {
    const all = (await get(management, `/api/organisations/${kupang}/readiness`).expect(200)).body;
    expect(all).toMatchObject({ unitCount: 4, matching: 4, page: 1, limit: 100 });
    expect(all.units).toHaveLength(4);
    const codes = all.units.map((u: UnitRow) => u.code);
    expect(codes).toEqual([...codes].sort());
    expect(all.overdueActions).toBe(
      all.units.reduce((n: number, u: UnitRow) => n + u.overdueActions, 0),
    );
    expect(all.unitsWithOverdueActions).toBe(
      all.units.filter((u: UnitRow) => u.overdueActions > 0).length,
    );

    const pages: UnitRow[] = [];
    for (const page of [1, 2, 3]) {
      const res = await get(
        management,
        `/api/organisations/${kupang}/readiness?limit=3&page=${page}`,
      ).expect(200);
      // Every page carries the totals of all the units, not of the page.
      expect(res.body).toMatchObject({
        unitCount: 4,
        readyUnits: all.readyUnits,
        score: all.score,
        meanOfUnits: all.meanOfUnits,
        page,
        limit: 3,
      });
      pages.push(...res.body.units);
    }
    expect(pages.map((u) => u.unitId)).toEqual(all.units.map((u: UnitRow) => u.unitId));

    const byScore = (
      await get(management, `/api/organisations/${kupang}/readiness?sort=score&order=desc`).expect(
        200,
      )
    ).body.units as UnitRow[];
    const scores = byScore.map((u) => u.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const byName = (
      await get(management, `/api/organisations/${kupang}/readiness?sort=name`).expect(200)
    ).body.units as UnitRow[];
    expect(byName.map((u) => u.unitId).sort()).toEqual(
      all.units.map((u: UnitRow) => u.unitId).sort(),
    );
  });

  it('filters ready, not ready and overdue units, counting the matches in SQL', async () => {
    const all = (await get(admin, `/api/organisations/${kupang}/readiness`).expect(200)).body;
    const units = all.units as UnitRow[];
    for (const [filter, keep] of [
      ['ready', (u: UnitRow) => u.ready],
      ['not_ready', (u: UnitRow) => !u.ready],
      ['overdue', (u: UnitRow) => u.overdueActions > 0],
    ] as const) {
      const res = (
        await get(admin, `/api/organisations/${kupang}/readiness?filter=${filter}`).expect(200)
      ).body;
      const want = units.filter(keep).map((u) => u.unitId);
      expect(res.units.map((u: UnitRow) => u.unitId)).toEqual(want);
      expect(res).toMatchObject({ matching: want.length, unitCount: 4 });
    }
    // The demo has overdue actions, so the filter is not trivially empty.
    expect(units.some((u) => u.overdueActions > 0)).toBe(true);
  });

  it('the dashboard pages, filters and sorts through the same query, totals over all units', async () => {
    // The page's HTML with the entities Handlebars writes in attributes decoded.
    const page = async (path: string, status = 200) => {
      const res = await request(t.server).get(path).set('Cookie', management.cookie).expect(status);
      return { text: res.text.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&') };
    };
    const shown = (html: string) => [...html.matchAll(/<tr data-unit="([^"]+)"/g)].map((m) => m[1]);
    const api = async (query: string) =>
      (await get(management, `/api/organisations/${kupang}/readiness?${query}`).expect(200))
        .body as { units: UnitRow[]; unitCount: number; readyUnits: number; matching: number };
    const base = `/organisations/${kupang}`;

    const first = (await page(`${base}?limit=3`)).text;
    const all = await api('');
    expect(shown(first)).toEqual((await api('limit=3')).units.map((u) => u.code));
    expect(first).toContain(`Unit 1–3 dari ${all.unitCount}`);
    expect(first).toContain(`href="${base}?limit=3&page=2" rel="next"`);
    expect(first).not.toContain('rel="prev"');
    // Every filter link says how many units it shows, over all of them, not the page.
    expect(first).toContain(`>Siap (${all.readyUnits})</a>`);
    expect(first).toContain(`>Belum siap (${all.unitCount - all.readyUnits})</a>`);
    const second = (await page(`${base}?limit=3&page=2`)).text;
    expect(shown(second)).toEqual((await api('limit=3&page=2')).units.map((u) => u.code));
    expect(shown([first, second].join(''))).toEqual(all.units.map((u) => u.code));
    expect(second).toContain(`href="${base}?limit=3" rel="prev"`);
    expect(second).not.toContain('rel="next"');

    for (const query of [
      'filter=not_ready',
      'filter=overdue',
      'sort=score&order=desc',
      'sort=name',
    ]) {
      const html = (await page(`${base}?${query}`)).text;
      expect([query, shown(html)]).toEqual([query, (await api(query)).units.map((u) => u.code)]);
    }
    const overdue = await api('filter=overdue');
    expect(overdue.matching).toBeGreaterThan(0);
    expect(overdue.matching).toBeLessThan(all.unitCount);
    const sorted = (await page(`${base}?sort=score&order=desc`)).text;
    expect(sorted).toMatch(/data-sort="score_desc" aria-current="true"/);
    const ready = await api('filter=ready');
    const readyPage = (await page(`${base}?filter=ready`)).text;
    if (ready.matching === 0) expect(readyPage).toContain('Tidak ada unit yang sesuai.');
    else expect(shown(readyPage)).toEqual(ready.units.map((u) => u.code));

    await page(`${base}?filter=maybe`, 400);
    await page(`${base}?limit=0`, 400);
    await page(`/organisations/${other}`, 404);
  });

  it('refuses a bad page, sort or filter with 400 and the field', async () => {
    for (const query of ['limit=0', 'limit=501', 'page=0', 'sort=bogus', 'filter=maybe', 'x=1']) {
      const res = await get(admin, `/api/organisations/${kupang}/readiness?${query}`).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
    await get(admin, '/api/readiness/organisations?pageSize=0').expect(400);
  });

  it('shows a national administrator every organisation, recomputing results past their instant', async () => {
    // A unit gets its stored result when it is created; these three are made to look as the
    // migration left older units (a placeholder already past its instant), so the read must
    // find them through the changes_at index and compute them.
    const rows = t.db.getRepository(UnitReadinessRecord);
    expect(await rows.countBy({ organisationId: other })).toBe(3);
    await rows.update(
      { organisationId: other },
      { changesAt: new Date('1970-01-01T00:00:00Z'), score: null, blockerCount: 1, ready: false },
    );
    const res = (await get(national, '/api/readiness/organisations').expect(200)).body;
    expect(res).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    const byCode = Object.fromEntries(
      res.items.map((o: { code: string }) => [o.code, o]),
    ) as Record<string, Record<string, unknown>>;
    const city = (await get(admin, `/api/organisations/${kupang}/readiness`).expect(200)).body;
    expect(byCode['kota-kupang']).toMatchObject({
      organisationId: kupang,
      unitCount: 4,
      readyUnits: city.readyUnits,
      meanOfUnits: city.meanOfUnits,
      score: city.score,
      percent: city.percent,
      overdueActions: city.overdueActions,
      unitsWithOverdueActions: city.unitsWithOverdueActions,
    });
    // Alor's units have no assessment: computed on this read, every leaf not assessed.
    expect(byCode['kab-alor']).toMatchObject({
      organisationId: other,
      unitCount: 3,
      readyUnits: 0,
      meanOfUnits: 0,
      overdueActions: 0,
    });
    const recomputed = await rows.findBy({ organisationId: other });
    expect(recomputed.map((r) => [r.score, r.blockerCount > 0])).toEqual([
      [0, true],
      [0, true],
      [0, true],
    ]);
    expect(recomputed.every((r) => r.changesAt === null || r.changesAt > new Date())).toBe(true);

    const first = (await get(national, '/api/readiness/organisations?pageSize=1').expect(200)).body;
    const second = (
      await get(national, '/api/readiness/organisations?pageSize=1&page=2').expect(200)
    ).body;
    expect([...first.items, ...second.items].map((o: { code: string }) => o.code)).toEqual([
      'kab-alor',
      'kota-kupang',
    ]);
    const best = (
      await get(national, '/api/readiness/organisations?sort=score&order=desc').expect(200)
    ).body;
    expect(best.items[0].code).toBe('kota-kupang');
    // The national administrator reads any organisation's units too.
    const alor = (await get(national, `/api/organisations/${other}/readiness`).expect(200)).body;
    expect(alor).toMatchObject({ unitCount: 3, readyUnits: 0 });
  });

  it('shows anyone else only their own organisation, summed over the units they may see', async () => {
    const own = (await get(management, '/api/readiness/organisations').expect(200)).body;
    expect(own.total).toBe(1);
    expect(own.items[0]).toMatchObject({ organisationId: kupang, unitCount: 4 });
    const mine = (await get(officer, '/api/readiness/organisations').expect(200)).body;
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ organisationId: kupang, unitCount: 1 });
    await get(admin, `/api/organisations/${other}/readiness`).expect(404);
  });

  it('drops a withdrawn unit from the roll-up and brings it back on restore', async () => {
    const [unit] = (await get(admin, `/api/organisations/${kupang}/units`)).body as {
      id: string;
    }[];
    const patch = (withdrawn: boolean) =>
      request(t.server)
        .patch(`/api/units/${unit.id}`)
        .set(bearer(admin))
        .send({ withdrawn })
        .expect(200);
    await patch(true);
    expect(await t.db.getRepository(UnitReadinessRecord).countBy({ unitId: unit.id })).toBe(0);
    const without = (await get(admin, `/api/organisations/${kupang}/readiness`).expect(200)).body;
    expect(without.unitCount).toBe(3);
    expect(without.units.map((u: UnitRow) => u.unitId)).not.toContain(unit.id);
    await patch(false);
    expect(await t.db.getRepository(UnitReadinessRecord).countBy({ unitId: unit.id })).toBe(1);
    expect(
      (await get(admin, `/api/organisations/${kupang}/readiness`).expect(200)).body.unitCount,
    ).toBe(4);
  });
});
