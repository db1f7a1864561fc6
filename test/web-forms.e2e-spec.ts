import request from 'supertest';
import { Assessment } from '../src/assessments/assessment.entity.js';
import { User } from '../src/auth/user.entity.js';
import { Unit } from '../src/organisations/unit.entity.js';
import { login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/**
 * The page pattern (src/web/page.ts, forms.ts) as a browser without JavaScript meets it: a page is
 * HTML in the frame; a form that succeeds sends the browser on (303); a refused one comes back
 * with the field's reason, what was typed and the refusal's status; converted fields (checkboxes,
 * blanks) mean what the form shows.
 */
describeDb('page forms', () => {
  let t: TestApp;
  let admin: Session;
  let dukcapil: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t.server, 'admin');
    dukcapil = (await t.db.getRepository(Unit).findOneByOrFail({ code: 'DUKCAPIL' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = (path: string) =>
    request(t.server).get(path).set('Cookie', admin.cookie).set('Accept', 'text/html');
  const post = (path: string, form: Record<string, string | string[]>) =>
    request(t.server)
      .post(path)
      .set('Cookie', admin.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ ...form, _csrf: admin.csrfToken });

  it('renders a page in the frame, as HTML, in the chosen language', async () => {
    const res = await page(`/admin/units/${dukcapil}?lang=en`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/<title>Dinas Kependudukan[^<]* · Mutu<\/title>/);
    expect(res.text).toContain('<html lang="en"');
  });

  it('sends the browser on after a form succeeded, and the change is stored', async () => {
    const res = await post(`/admin/units/${dukcapil}`, {
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      shortName: '',
      description: 'Layanan adminduk',
    }).expect(303);
    expect(res.headers.location).toBe(`/admin/units/${dukcapil}?flash=unit_saved`);
    const unit = await t.db.getRepository(Unit).findOneByOrFail({ id: dukcapil });
    expect(unit.shortName).toBeNull(); // a blank optional input clears it
    expect(unit.description).toBe('Layanan adminduk');
  });

  it('shows a refused form again with the reason beside the field and what was typed', async () => {
    const res = await post('/admin/units', { code: 'dinkes kota', name: 'Dinas Kesehatan' }).expect(
      400,
    );
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('value="dinkes kota"');
    expect(res.text).toContain('value="Dinas Kesehatan"');
    expect(res.text).toContain('data-testid="error-code"');
    expect(await t.db.getRepository(Unit).countBy({ name: 'Dinas Kesehatan' })).toBe(0);
  });

  it('a conflict (the code is taken) is explained on the form too', async () => {
    const res = await post('/admin/units', { code: 'DUKCAPIL', name: 'Dukcapil lagi' }).expect(400);
    expect(res.text).toContain('data-testid="form-error"');
    expect(res.text).toContain('value="Dukcapil lagi"');
    expect(await t.db.getRepository(Unit).countBy({ code: 'DUKCAPIL' })).toBe(1);
  });

  it('a field that is not text is a 400 error page, never a TypeError', async () => {
    const res = await request(t.server)
      .post(`/admin/units/${dukcapil}`)
      .set('Cookie', admin.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send(`_csrf=${encodeURIComponent(admin.csrfToken)}&name[a]=1`)
      .expect(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).not.toContain('id="unit-form"');
  });

  it('withdraws with yes, restores with no, and refuses anything else or nothing', async () => {
    await post(`/admin/units/${dukcapil}/status`, { withdrawn: 'maybe' }).expect(400);
    await post(`/admin/units/${dukcapil}/status`, {}).expect(400);
    const repo = t.db.getRepository(Unit);
    expect((await repo.findOneByOrFail({ id: dukcapil })).withdrawnAt).toBeNull();
    const out = await post(`/admin/units/${dukcapil}/status`, { withdrawn: 'yes' }).expect(303);
    expect(out.headers.location).toBe(`/admin/units/${dukcapil}?flash=unit_withdrawn`);
    expect((await repo.findOneByOrFail({ id: dukcapil })).withdrawnAt).not.toBeNull();
    await post(`/admin/units/${dukcapil}/status`, { withdrawn: 'no' }).expect(303);
    expect((await repo.findOneByOrFail({ id: dukcapil })).withdrawnAt).toBeNull();
  });

  it('an unticked checkbox disables the account; a blank password keeps the old one', async () => {
    const users = t.db.getRepository(User);
    const officer = await users.findOneOrFail({
      where: { username: 'officer.dukcapil' },
      relations: { units: true },
    });
    const hash = async () =>
      (
        await users
          .createQueryBuilder('u')
          .addSelect('u.passwordHash')
          .where('u.id = :id', { id: officer.id })
          .getOneOrFail()
      ).passwordHash;
    const before = await hash();
    await post(`/admin/users/${officer.id}`, {
      displayName: officer.displayName,
      role: 'quality_officer',
      unitIds: officer.units!.map((u) => u.id),
      password: '   ',
    }).expect(303);
    const after = await users.findOneByOrFail({ id: officer.id });
    expect(after.active).toBe(false);
    expect(await hash()).toBe(before);
    await post(`/admin/users/${officer.id}`, {
      displayName: officer.displayName,
      role: 'quality_officer',
      unitIds: officer.units![0].id, // one checkbox ticked: posted once, still a list
      active: 'yes',
    }).expect(303);
    expect((await users.findOneByOrFail({ id: officer.id })).active).toBe(true);
  });

  it('an id that is not one is a 400 error page before any form is read', async () => {
    const res = await post('/admin/units/not-an-id', { name: 'x' }).expect(400);
    expect(res.text).not.toContain('id="unit-form"');
  });

  it('a new cycle copies the unit’s latest one only when asked (the box ticked)', async () => {
    const cycles = t.db.getRepository(Assessment);
    const latest = await cycles.findOneOrFail({
      where: { unitId: dukcapil },
      order: { startsOn: 'DESC', createdAt: 'DESC', id: 'DESC' },
    });
    const start = (extra: Record<string, string>) =>
      post('/assessments', {
        unitId: dukcapil,
        type: 'internal_audit',
        title: 'Audit internal Dukcapil (uji)',
        startsOn: '2026-12-01',
        endsOn: '',
        scope: '',
        ...extra,
      }).expect(303);
    const copied = await start({ copyPrevious: 'yes' });
    const copiedId = /\/assessments\/([0-9a-f-]{36})/.exec(copied.headers.location)![1];
    expect((await cycles.findOneByOrFail({ id: copiedId })).previousAssessmentId).toBe(latest.id);
    const fresh = await start({});
    const freshId = /\/assessments\/([0-9a-f-]{36})/.exec(fresh.headers.location)![1];
    const row = await cycles.findOneByOrFail({ id: freshId });
    expect(row.previousAssessmentId).toBeNull();
    expect(row.scope).toBeNull(); // a blank optional input is no value
  });
});
