import request from 'supertest';
import { can } from '../src/auth/permissions.js';
import type { Role } from '../src/auth/role.js';
import { RouteTable, type RouteEntry } from '../src/auth/route-table.js';
import { bearer, login, type Session } from './support/auth.js';
import {
  bodySchema,
  concrete,
  isPage,
  openApiDocument,
  requiredQuery,
  routeParams,
  unitFixtures,
  validBody,
  type OpenApiDocument,
} from './support/route-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/*
 * Unit scope, swept over the route table: every route that addresses a unit's record (a path
 * parameter after one of UNIT_DATA) is called with the records of another unit (SETDA) by callers
 * whose scope is Dukcapil only: its quality officer, and an assessor assigned to Dukcapil's cycle
 * alone. Each must answer 404 (pages: the HTML 404 page), exactly as for a record that does not
 * exist; a caller whose role lacks the permission gets the guard's 403. A new route under one of
 * these collections is swept without anyone writing a test; a new collection must be classified.
 */

/** Path collections whose records belong to one unit. */
const UNIT_DATA = [
  'units',
  'assessments',
  'evidence',
  'findings',
  'reports',
  'satisfaction-surveys',
  'risks',
  'objectives',
  // The recipient's own, and only while they see the notification's unit.
  'notifications',
  'documents',
  'audit-programme-entries',
  'management-reviews',
  'review-decisions',
];
/** Path segments that address something under a unit record, or nothing of a unit. */
const NOT_UNIT_DATA = [
  'clauses',
  'versions',
  'measurements',
  'revisions',
  'organisations',
  'users',
  'standards',
  'lang',
  // Organisation data, scoped by organisation: test/diagnostics.e2e-spec.ts sweeps it.
  'diagnostics',
  'indicators',
  // An organisation's programme: its entries are filtered by the caller's units.
  'audit-programmes',
];

const unitRoute = (route: RouteEntry): boolean =>
  routeParams(route.path).some((p) => UNIT_DATA.includes(p.collection));

describeDb('unit scope: every unit-data route × callers scoped to another unit', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  let doc: OpenApiDocument;
  let other: Map<string, string>;
  let own: Map<string, string>;
  const callers = new Map<string, { role: Role; session: Session }>();

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteTable).routes();
    doc = await openApiDocument(t);
    const admin = await login(t.server, 'admin');
    const assessor = await login(t.server, 'assessor');
    own = await unitFixtures(t, admin, 'DUKCAPIL');
    other = await unitFixtures(t, admin, 'SETDA');
    // A report of SETDA, so that the report routes address a record that exists.
    const report = await request(t.server)
      .post(`/api/assessments/${other.get('assessments')}/reports?lang=id`)
      .set(bearer(assessor))
      .set('X-CSRF-Token', assessor.csrfToken);
    if (report.status !== 201)
      throw new Error(`issuing SETDA's report: ${report.status} ${report.text}`);
    other.set('reports', (report.body as { id: string }).id);
    // An assessor of Dukcapil's cycle only (the demo assessor is assigned to every unit's cycle).
    const created = await request(t.server)
      .post('/api/users')
      .set(bearer(admin))
      .send({
        username: 'assessor.dukcapil',
        displayName: 'Asesor Dukcapil',
        role: 'assessor',
        password: 'assessor-dukcapil-2026',
      })
      .expect(201);
    const cycle = await request(t.server)
      .get(`/api/assessments/${own.get('assessments')}`)
      .set(bearer(admin))
      .expect(200);
    const assigned = ((cycle.body as { assessors: { id: string }[] }).assessors ?? []).map(
      (a) => a.id,
    );
    await request(t.server)
      .patch(`/api/assessments/${own.get('assessments')}`)
      .set(bearer(admin))
      .send({ assessorIds: [...assigned, (created.body as { id: string }).id] })
      .expect(200);
    callers.set('quality officer of Dukcapil', {
      role: 'quality_officer',
      session: await login(t.server, 'officer.dukcapil'),
    });
    callers.set('assessor of Dukcapil only', {
      role: 'assessor',
      session: await login(t.server, 'assessor.dukcapil', 'assessor-dukcapil-2026'),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('classifies every path collection as unit data or not', () => {
    const unknown = routes
      .flatMap((r) => routeParams(r.path).map((p) => `${p.collection} (${r.method} ${r.path})`))
      .filter((c) => ![...UNIT_DATA, ...NOT_UNIT_DATA].includes(c.split(' ')[0]));
    expect(unknown).toEqual([]);
  });

  it("answers 404 for another unit's record on every unit-data route, API and pages", async () => {
    const swept = routes.filter(unitRoute);
    expect(swept.length).toBeGreaterThanOrEqual(40);
    const wrong: string[] = [];
    let cells = 0;
    for (const [name, { role, session }] of callers)
      for (const route of swept) {
        const access = route.access;
        const allowed =
          access?.kind === 'public' ||
          access?.kind === 'authenticated' ||
          (access?.kind === 'permission' && can(role, access.permission));
        const req = request(t.server)
          [route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](
            concrete(route.path, other),
          )
          .query(requiredQuery(doc, route))
          .set(bearer(session))
          .set('X-CSRF-Token', session.csrfToken);
        if (isPage(route)) req.set('Accept', 'text/html');
        const schema = bodySchema(doc, route);
        const res =
          route.method === 'GET'
            ? await req
            : schema
              ? await req.send(validBody(doc, schema))
              : isPage(route)
                ? await req.type('form').send({ title: 'x', reason: 'x', to: 'closed' })
                : await req.send({});
        cells++;
        const type = String(res.headers['content-type'] ?? '');
        const ok = !allowed
          ? res.status === 403
          : res.status === 404 &&
            (isPage(route)
              ? type.startsWith('text/html')
              : (res.body as { code?: string }).code === 'not_found');
        if (!ok)
          wrong.push(
            `${name} ${route.method} ${route.path}: expected ${allowed ? 404 : 403}, got ${res.status} ${type.split(';')[0]} ${res.text.slice(0, 160)}`,
          );
      }
    // Control: the same reads of Dukcapil's own records answer (so the 404s above are the scope,
    // not a malformed request). PDFs are left out (no rendering), and reports (Dukcapil has none).
    for (const [name, { role, session }] of callers)
      for (const route of swept.filter(
        (r) => r.method === 'GET' && !/\.pdf$|\/reports\//.test(r.path),
      )) {
        const access = route.access;
        if (access?.kind === 'permission' && !can(role, access.permission)) continue;
        const res = await request(t.server).get(concrete(route.path, own)).set(bearer(session));
        if (res.status !== 200)
          wrong.push(`${name} GET ${route.path} of its own unit: expected 200, got ${res.status}`);
      }
    console.log(`scope sweep: ${swept.length} routes × ${callers.size} callers = ${cells} cells`);
    expect(wrong).toEqual([]);
    expect(cells).toBe(swept.length * callers.size);
  });
});
