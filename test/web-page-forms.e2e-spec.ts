import request from 'supertest';
import { Unit } from '../src/organisations/unit.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * The forms of the document, diagnostic, notification and complaint pages as a browser without
 * JavaScript posts them: where a success sends the browser (303, with its flash), and a refusal
 * shown again with its status, the page's title, the reason and what was typed.
 */
describeDb('document, diagnostic, notification and complaint page forms', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let assessor: Session;
  let dukcapil: string;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, officer, assessor] = await Promise.all(
      ['admin', 'officer.dukcapil', 'assessor'].map((u) => login(t.server, u)),
    );
    dukcapil = (await t.db.getRepository(Unit).findOneByOrFail({ code: 'DUKCAPIL' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = (s: Session, path: string) =>
    request(t.server).get(path).set('Cookie', s.cookie).set('Accept', 'text/html');
  const post = (s: Session, path: string, form: Record<string, string | string[]> = {}) =>
    request(t.server)
      .post(path)
      .set('Cookie', s.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ ...form, _csrf: s.csrfToken });
  const api = (s: Session, path: string) => request(t.server).get(path).set(bearer(s)).expect(200);
  const title = (html: string) => /<title>([^<]*) · Mutu<\/title>/.exec(html)?.[1];

  describe('documents', () => {
    let docId: string;
    let number: string;

    it('a refused new document comes back with what was typed; nothing is stored', async () => {
      const before = (await api(officer, `/api/units/${dukcapil}/documents`)).body.length;
      const res = await post(officer, `/units/${dukcapil}/documents`, {
        title: 'SOP Uji Formulir',
        type: 'procedure',
        clauses: '8.5.1',
        number: '',
        owner: 'Kepala Seksi Uji',
        reviewMonths: 'dua belas',
        confidentiality: '',
      }).expect(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(title(res.text)).toMatch(/^Dokumen terkendali — Dinas Kependudukan/);
      expect(res.text).toContain('value="SOP Uji Formulir"');
      expect(res.text).toContain('value="Kepala Seksi Uji"');
      expect(res.text).toContain('value="dua belas"');
      expect(res.text).toContain('role="alert"');
      expect((await api(officer, `/api/units/${dukcapil}/documents`)).body).toHaveLength(before);
    });

    it('a new document goes to its page; blanks mean "generate" and "default"', async () => {
      const res = await post(officer, `/units/${dukcapil}/documents`, {
        title: 'SOP Uji Formulir',
        type: 'procedure',
        clauses: '8.5.1, 8.2.1',
        number: ' ',
        owner: '',
        reviewMonths: '24',
        confidentiality: '',
      }).expect(303);
      const [, id] = new RegExp(`^/documents/(${UUID})\\?flash=document_saved$`).exec(
        res.headers.location,
      )!;
      docId = id;
      const doc = (await api(officer, `/api/documents/${docId}`)).body;
      expect(doc).toMatchObject({ reviewMonths: 24, owner: null, confidentiality: 'internal' });
      expect(doc.clauses.map((c: { number: string }) => c.number).sort()).toEqual([
        '8.2.1',
        '8.5.1',
      ]);
      number = doc.number;
      expect(number).not.toBe('');
      const shown = await page(officer, `/documents/${docId}?flash=document_saved`).expect(200);
      expect(title(shown.text)).toBe(`Dokumen ${number}`);
    });

    it('a refused step shows the document again with the reason and the status', async () => {
      const judged = await post(assessor, `/documents/${docId}/judgement`, {
        decision: 'rejected',
        reason: ' ',
      }).expect(400);
      expect(title(judged.text)).toBe(`Dokumen ${number}`);
      expect(judged.text).toContain('data-testid="problem"');
      const moved = await post(officer, `/documents/${docId}/revisions/1/transition`, {
        to: 'nowhere',
        note: '',
      }).expect(400);
      expect(moved.text).toContain('data-testid="problem"');
    });

    it('the preview of a revision that does not exist is a 404 page', async () => {
      await page(officer, `/documents/${docId}/revisions/9/preview`).expect(404);
    });
  });

  describe('diagnostics', () => {
    let org: string;
    let id: string;

    beforeAll(() => {
      org = admin.user.organisationId!;
    });

    it('a year that is none comes back typed, with the reason beside it', async () => {
      const res = await post(admin, `/organisations/${org}/diagnostics`, {
        period: '20x7',
      }).expect(400);
      expect(title(res.text)).toBe('Diagnostik ISO 18091 Lampiran A');
      expect(res.text).toContain('value="20x7"');
      expect(res.text).toContain('class="field-error"');
    });

    it('a new period goes to its matrix; the same year again is refused with its status', async () => {
      const res = await post(admin, `/organisations/${org}/diagnostics`, {
        period: '2031',
      }).expect(303);
      [, id] = new RegExp(`^/diagnostics/(${UUID})\\?flash=diagnostic_created$`).exec(
        res.headers.location,
      )!;
      expect(title((await page(admin, `/diagnostics/${id}`).expect(200)).text)).toBe(
        'Diagnostik ISO 18091 2031',
      );
      const again = await post(admin, `/organisations/${org}/diagnostics`, { period: '2031' });
      expect(again.status).toBeGreaterThanOrEqual(400);
      expect(again.status).toBeLessThan(500);
      expect(again.status).not.toBe(400);
      expect(again.text).toContain('value="2031"');
    });

    it('rating an indicator: refused with the note kept, then rated and cleared', async () => {
      const path = `/diagnostics/${id}/indicators/1.1`;
      expect(title((await page(admin, path).expect(200)).text)).toBe('Menilai indikator 1.1');
      const refused = await post(admin, path, { rating: 'blue', note: 'Catatan uji' }).expect(400);
      expect(refused.text).toContain('Catatan uji');
      expect(refused.text).toContain('class="field-error"');
      const rated = await post(admin, path, { rating: 'green', note: ' Baik ' }).expect(303);
      expect(rated.headers.location).toBe(`/diagnostics/${id}?flash=indicator_rated#indicator-1.1`);
      const indicator = async () =>
        (await api(admin, `/api/diagnostics/${id}`)).body.indicators.find(
          (i: { code: string }) => i.code === '1.1',
        ) as { rating: string | null; note: string | null };
      expect(await indicator()).toMatchObject({ rating: 'green', note: 'Baik' });
      await post(admin, path, { rating: '', note: '' }).expect(303);
      expect(await indicator()).toMatchObject({ rating: null, note: null });
    });
  });

  describe('notification settings', () => {
    it('a refused e-mail comes back typed, the choices as posted', async () => {
      const res = await post(officer, '/notifications/settings', {
        email: 'bukan-alamat',
        language: 'en',
        mode_action_overdue: 'off',
      }).expect(400);
      expect(title(res.text)).toBe('Pengaturan e-mail notifikasi');
      expect(res.text).toContain('data-testid="form-error"');
      expect(res.text).toContain('value="bukan-alamat"');
      expect(res.text).toMatch(/name="mode_action_overdue">[\s\S]*?value="off" selected/);
    });

    it('saved: a blank e-mail clears it; nothing else of the profile changes', async () => {
      const before = (await api(officer, '/api/auth/me')).body;
      const res = await post(officer, '/notifications/settings', {
        email: '',
        language: 'en',
        mode_action_overdue: 'off',
        displayName: 'Nama Lain',
      }).expect(303);
      expect(res.headers.location).toBe(
        '/notifications/settings?flash=notification_settings_saved',
      );
      const after = (await api(officer, '/api/auth/me')).body;
      expect(after).toMatchObject({ email: null, language: 'en', displayName: before.displayName });
      expect(after.notificationPreferences.action_overdue).toBe('off');
    });

    it('marking all read goes back to the list with its flash', async () => {
      const res = await post(officer, '/notifications/read-all').expect(303);
      expect(res.headers.location).toBe('/notifications?flash=notifications_read');
    });
  });

  describe('complaints', () => {
    it('a finding without a category is refused on the complaint page', async () => {
      const res = await post(assessor, `/units/${dukcapil}/complaints/findings`, {
        category: ' ',
        period: '2025',
        clause: '10.2.1',
      }).expect(400);
      expect(title(res.text)).toMatch(/^Pengaduan – Dinas Kependudukan/);
      expect(res.text).toContain('data-testid="complaint-error"');
    });

    it('an import without a file is refused on the page, with its status', async () => {
      const res = await request(t.server)
        .post(`/units/${dukcapil}/complaints/import?_csrf=${encodeURIComponent(officer.csrfToken)}`)
        .set('Cookie', officer.cookie)
        .set('Accept', 'text/html')
        .field('source', 'lapor')
        .expect(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('data-testid="complaint-error"');
      expect(res.text).not.toContain('data-testid="complaint-mapping"');
    });
  });
});
