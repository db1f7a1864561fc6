import request from 'supertest';
import { describeDb } from './support/test-db.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface ClauseNode {
  number: string;
  title: { id: string; en: string };
  documentedInformation: string[];
  leaf: boolean;
  children: ClauseNode[];
}

const flatten = (nodes: ClauseNode[]): ClauseNode[] =>
  nodes.flatMap((n) => [n, ...flatten(n.children)]);

describeDb('read API on the real app module', () => {
  let t: TestApp;
  let admin: Session;
  const get = (path: string) => request(t.server).get(path).set(bearer(admin));
  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t.server, 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports the database in /health', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { engine: t.config.database.engine, ok: true, migrationsPending: false },
    });
  });

  it('lists the ISO 9001:2015 catalogue', async () => {
    const res = await get('/api/standards').expect(200);
    expect(res.body).toEqual([
      {
        code: 'iso-9001-2015',
        edition: '2015',
        clauseCount: 91,
        title: {
          id: expect.stringContaining('Sistem manajemen mutu'),
          en: expect.stringContaining('Quality management systems'),
        },
      },
    ]);
  });

  it('serves the clause tree with titles, parents and documented-information flags', async () => {
    const res = await get('/api/standards/iso-9001-2015/clauses').expect(200);
    const roots = res.body as ClauseNode[];
    expect(roots.map((r) => r.number)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    const all = flatten(roots);
    expect(all).toHaveLength(91);
    const seven = roots.find((r) => r.number === '7')!;
    const resources = seven.children.find((c) => c.number === '7.1')!;
    expect(resources.children.map((c) => c.number)).toEqual([
      '7.1.1',
      '7.1.2',
      '7.1.3',
      '7.1.4',
      '7.1.5',
      '7.1.6',
    ]);
    const c7152 = flatten([resources]).find((c) => c.number === '7.1.5.2')!;
    expect(c7152).toMatchObject({
      leaf: true,
      documentedInformation: ['retain'],
      title: { en: 'Measurement traceability' },
    });
    const c442 = all.find((c) => c.number === '4.4.2')!;
    expect(c442.documentedInformation).toEqual(['maintain', 'retain']);
    expect(all.find((c) => c.number === '4.1')!.documentedInformation).toEqual([]);
    // Natural order: 10.x after 9.x, and 8.5.6 after 8.5.5.
    const ten = roots[6];
    expect(ten.children.map((c) => c.number)).toEqual(['10.1', '10.2', '10.3']);
  });

  it('answers 404 in Indonesian by default and in English on request for an unknown standard', async () => {
    const id = await get('/api/standards/iso-14001-2015/clauses').expect(404);
    expect(id.body).toEqual({
      statusCode: 404,
      error: 'NOT_FOUND',
      code: 'not_found',
      message: 'Standar tidak ditemukan.',
      requestId: id.headers['x-request-id'],
    });
    const en = await get('/api/standards/iso-14001-2015/clauses')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .expect(404);
    expect(en.body.message).toBe('Standard not found.');
  });

  it('lists Kota Kupang and its four pilot units under their official names', async () => {
    const orgs = await get('/api/organisations').expect(200);
    expect(orgs.body).toEqual([
      expect.objectContaining({ code: 'kota-kupang', name: 'Pemerintah Kota Kupang' }),
    ]);
    const units = await get(`/api/organisations/${orgs.body[0].id}/units`).expect(200);
    expect(units.body.map((u: { code: string; name: string }) => [u.code, u.name])).toEqual([
      ['BKD', 'Badan Keuangan Daerah Kota Kupang'],
      ['DUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang'],
      ['RSUD', 'Rumah Sakit Umum Daerah S.K. Lerik Kota Kupang'],
      ['SETDA', 'Sekretariat Daerah Kota Kupang'],
    ]);
    const rsud = units.body.find((u: { code: string }) => u.code === 'RSUD');
    const one = await get(`/api/units/${rsud.id}`).expect(200);
    expect(one.body).toMatchObject({ id: rsud.id, code: 'RSUD', organisationId: orgs.body[0].id });
  });

  it('answers 404 for unknown ids and 400 naming the parameter for malformed ids', async () => {
    const unknown = '0b5c7d6e-1111-4222-8333-944455556666';
    const unit = await get(`/api/units/${unknown}`).expect(404);
    expect(unit.body.message).toBe('Unit kerja tidak ditemukan.');
    const org = await get(`/api/organisations/${unknown}/units`).expect(404);
    expect(org.body.message).toBe('Organisasi tidak ditemukan.');
    const bad = await get('/api/units/not-a-uuid').expect(400);
    expect(bad.body).toMatchObject({
      statusCode: 400,
      code: 'invalid_id',
      message: 'Parameter id bukan ID yang valid.',
      details: [{ field: 'id', rule: 'isUUID', message: 'harus berupa ID yang valid' }],
    });
    const injection = await get(
      `/api/organisations/${encodeURIComponent("1' OR '1'='1")}/units`,
    ).expect(400);
    expect(injection.body.code).toBe('invalid_id');
  });

  it('refuses every API read without sign-in', async () => {
    const res = await request(t.server).get('/api/standards').expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'UNAUTHORIZED',
      code: 'unauthorized',
      message: 'Silakan masuk terlebih dahulu.',
      requestId: res.headers['x-request-id'],
    });
  });

  it('answers an unknown route with the JSON error shape, no stack trace', async () => {
    const res = await get('/api/nothing-here').query({ lang: 'en' }).expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'NOT_FOUND',
      code: 'route_not_found',
      message: 'No page or API at /api/nothing-here.',
      requestId: res.headers['x-request-id'],
    });
  });

  it('publishes the OpenAPI document and Swagger UI', async () => {
    const doc = await request(t.server).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/standards',
        '/api/standards/{code}/clauses',
        '/api/organisations',
        '/api/organisations/{id}/units',
        '/api/units/{id}',
      ]),
    );
    const ui = await request(t.server).get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
