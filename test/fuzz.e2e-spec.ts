import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { can } from '../src/auth/permissions.js';
import type { Role } from '../src/auth/role.js';
import { RouteTable, type RouteEntry } from '../src/auth/route-table.js';
import { bearer, login, type Session } from './support/auth.js';
import {
  bodySchema,
  concrete,
  isPage,
  knownFieldNames,
  openApiDocument,
  operation,
  routeParams,
  unitFixtures,
  validBody,
  type OpenApiDocument,
} from './support/route-fixtures.js';
import { binaryBody } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';
import { seededRandom } from './support/seeded-random.js';

/*
 * Fuzz of every route of the route table: at least MIN_CASES malformed requests per operation
 * (wrong types, null, huge strings, deep nesting, unknown and prototype keys, bad JSON, wrong
 * content types, garbage path ids, query values and headers), each as a role allowed to call it,
 * and a share of them as every other caller. Passes only when nothing answers ≥ 500 and every 4xx
 * is the documented error (JSON {statusCode, error, message, details?}, or the HTML error page /
 * the form with its error for pages). Seeded: MUTU_FUZZ_SEED replays a run.
 */

// At least 100 per operation (issue #11), each run with a new seed: about 21,000 requests per engine
// over the ~200 operations of the route table.
const MIN_CASES = 100;
const MAX_CASES = 110;
const SEED = Number(process.env.MUTU_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const ACTORS: Record<Role, string> = {
  admin: 'admin',
  quality_officer: 'officer.dukcapil',
  assessor: 'assessor',
  management: 'management',
  unit_head: 'head.dukcapil',
  diagnostic_assessor: 'diagnostic.assessor',
};
type Caller = Role | 'anonymous';
const CALLERS: Caller[] = [
  'admin',
  'quality_officer',
  'assessor',
  'management',
  'unit_head',
  'diagnostic_assessor',
  'anonymous',
];

interface Case {
  kind: string;
  /** Replaces the fixture of one path parameter (raw, already percent-encoded). */
  pathValue?: { param: string; value: string };
  /** Raw query string (without '?'). */
  query?: string;
  headers?: Record<string, string>;
  /** Raw body; sent with the content type in headers. */
  body?: string | Buffer;
}

const json = (v: unknown): string => JSON.stringify(v);
const deepArray = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  '',
  ' ',
  '\u0000',
  'ü𝔘\u202e',
  [],
  [null],
  ['a', 1, {}],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
  '2026-02-30',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{{constructor.constructor("return process")()}}',
];

const BAD_PATH_VALUES = [
  'x',
  '0',
  '-1',
  '1e9',
  'null',
  'undefined',
  '%00',
  '%E0%A4%A',
  '%',
  '..%2F..%2Fetc%2Fpasswd',
  'a'.repeat(5000),
  encodeURIComponent('ü𝔘'),
  '__proto__',
  'constructor',
  '%20',
  "'%3B DROP TABLE unit%3B--",
  '00000000-0000-0000-0000-000000000000',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
  '9.9.9.9.9.9.9',
  '999999999999',
];

const BAD_QUERY_VALUES = [
  '',
  'x',
  '-1',
  '0',
  '1e400',
  '99999999999999999999',
  'null',
  'a'.repeat(4000),
  '%E0%A4%A',
  encodeURIComponent('ü\u0000'),
  'true',
  '[object Object]',
];

const BAD_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  '\u0000\u0001',
  '{"a":1}{"b":2}',
  '\uFEFF{"a":}',
];

const PROTO_KEYS = [
  '{"__proto__":{"admin":true,"role":"admin"}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"prototype":1}',
  '{"toString":1,"valueOf":"x"}',
  '{"hasOwnProperty":null}',
  '{"__defineGetter__":1,"__lookupGetter__":[]}',
];

/** How the request pieces of one operation look: its fields, query parameters and body kind. */
interface Shape {
  fields: string[];
  base: Record<string, unknown>;
  queries: string[];
  hasBody: boolean;
  multipart: boolean;
  /** Renders a PDF when it succeeds: every case must be refused before rendering. */
  renders: boolean;
  /** Whether the operation validates a `lang` query (a PDF route is then refused by lang=xx). */
  langQuery: boolean;
  /**
   * How many cases that pass validation may render for real. A route that renders a PDF and keeps it
   * as evidence takes no body and reads no validated query, so nearly every case passes: left alone,
   * its hundred cases are a hundred Chromium renders (126 of the fuzz's 233 s on SQLite), which
   * malformed input does not need. The first few render, the rest are refused by a bad path.
   */
  renderBudget: number;
}

/** Routes that render a PDF and store it as evidence (minutes, survey and complaint reports). */
const RENDERS_AND_STORES =
  /\/management-reviews\/:id\/minutes$|\/satisfaction-surveys\/:id\/evidence$|\/complaints\/evidence$/;

function shapeOf(doc: OpenApiDocument, route: RouteEntry, formFields: string[]): Shape {
  const op = operation(doc, route);
  const schema = bodySchema(doc, route);
  const hasBody = route.method !== 'GET';
  const base = schema ? validBody(doc, schema) : {};
  const fields = schema ? Object.keys(base) : hasBody ? formFields : [];
  const queries = [
    ...new Set([
      ...(op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      'lang',
      ...(isPage(route) ? ['next', 'flash'] : ['page']),
    ]),
  ];
  const content = Object.keys(op?.requestBody?.content ?? {});
  const storesPdf = route.method === 'POST' && RENDERS_AND_STORES.test(route.path);
  return {
    fields,
    base,
    queries,
    hasBody,
    multipart: content.includes('multipart/form-data') || /\/(evidence|versions)$/.test(route.path),
    renders:
      /\.pdf$/.test(route.path) ||
      (route.method === 'POST' && /\/(reports|issue)$/.test(route.path)) ||
      storesPdf,
    langQuery: (op?.parameters ?? []).some((p) => p.in === 'query' && p.name === 'lang'),
    renderBudget: storesPdf ? 3 : 0,
  };
}

function multipartBody(
  boundary: string,
  parts: { name: string; value: string | Buffer; filename?: string; type?: string }[],
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** At least MIN_CASES malformed requests for one operation. */
function casesFor(route: RouteEntry, shape: Shape, rnd: () => number): Case[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const JSON_CT = { 'Content-Type': 'application/json' };
  const withField = (field: string, value: unknown): string =>
    json({ ...shape.base, [field]: value });
  const cases: Case[] = [];
  const params = routeParams(route.path);

  // Path: garbage for each parameter.
  for (const { param } of params)
    for (const value of BAD_PATH_VALUES)
      cases.push({ kind: `path :${param}`, pathValue: { param, value } });

  // Query: garbage for each known parameter, repeated and nested parameters, prototype keys.
  for (const q of shape.queries) {
    for (const value of BAD_QUERY_VALUES)
      cases.push({ kind: `query ${q}`, query: `${q}=${value}` });
    cases.push({ kind: `query ${q}[]`, query: `${q}=1&${q}=2` });
    cases.push({ kind: `query ${q}[a]`, query: `${q}[a]=1&${q}[b][c]=2` });
  }
  cases.push({ kind: 'query __proto__', query: '__proto__[admin]=1&constructor[prototype][x]=1' });
  cases.push({ kind: 'query unknown', query: 'zzz=1&' + 'k'.repeat(200) + '=v' });

  if (shape.hasBody) {
    // Each field: null and wrong types (a sample of them).
    for (const field of shape.fields) {
      cases.push({ kind: `body ${field}=null`, headers: JSON_CT, body: withField(field, null) });
      for (let i = 0; i < 4; i++)
        cases.push({
          kind: `body ${field} wrong type`,
          headers: JSON_CT,
          body: withField(field, pick(WRONG_VALUES)),
        });
      cases.push({
        kind: `body ${field} deep array`,
        headers: JSON_CT,
        body: json({ ...shape.base }).replace(/^\{/, `{"${field}":${deepArray(3000)},`),
      });
    }
    // Null everywhere, whole-body non-objects, deep nesting, unknown and prototype keys.
    cases.push({
      kind: 'body all null',
      headers: JSON_CT,
      body: json(Object.fromEntries(shape.fields.map((f) => [f, null]))),
    });
    for (const whole of ['null', '[]', '"text"', '123', 'true', '[{}]', '{}'])
      cases.push({ kind: `body ${whole}`, headers: JSON_CT, body: whole });
    cases.push({ kind: 'body deep object', headers: JSON_CT, body: deepObject(3000) });
    cases.push({ kind: 'body nested 40', headers: JSON_CT, body: deepObject(40) });
    cases.push({ kind: 'body deep array', headers: JSON_CT, body: deepArray(10000) });
    for (const proto of PROTO_KEYS) {
      const merged = json(shape.base).replace(/\}$/, '') + (shape.fields.length ? ',' : '');
      cases.push({
        kind: `body ${proto.slice(2, 14)}`,
        headers: JSON_CT,
        body: merged + proto.slice(1),
      });
    }
    cases.push({ kind: 'body unknown field', headers: JSON_CT, body: withField('zzzUnknown', 1) });
    for (const bad of BAD_JSON) cases.push({ kind: 'bad JSON', headers: JSON_CT, body: bad });
    // Huge strings: one of 1–10 MB, two of 64 KiB – 1 MiB.
    const field = shape.fields.length ? pick(shape.fields) : 'title';
    const megabytes = 1 + Math.floor(rnd() * 10);
    cases.push({
      kind: `body huge ${megabytes} MB`,
      headers: JSON_CT,
      body: withField(field, 'x'.repeat(megabytes * 1024 * 1024)),
    });
    for (let i = 0; i < 1; i++)
      cases.push({
        kind: 'body large',
        headers: JSON_CT,
        body: withField(
          pick(shape.fields.length ? shape.fields : ['title']),
          'é'.repeat(32 * 1024 + Math.floor(rnd() * 480 * 1024)),
        ),
      });
    // Content types the route does not expect.
    const text = json(shape.base);
    for (const type of [
      'text/plain',
      'application/xml',
      'application/octet-stream',
      'application/json; charset=utf-16',
      'application/json; charset=x-unknown',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      '',
      'garbage/;;;',
    ])
      cases.push({
        kind: `content-type ${type || '(empty)'}`,
        headers: { 'Content-Type': type },
        body: text,
      });
    cases.push({
      kind: 'form nested keys',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `a[__proto__][x]=1&b[c][d][e][f][g]=1&${shape.fields.map((f) => `${f}[]=1&${f}[x]=2`).join('&')}`,
    });
    cases.push({
      kind: 'form many keys',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Array.from({ length: 2000 }, (_, i) => `k${i}=v`).join('&'),
    });
    // Multipart: truncated, garbage, missing boundary, hostile file names, fields as files.
    const boundary = `fuzz${Math.floor(rnd() * 1e9)}`;
    const mp = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const fieldParts = shape.fields.map((f) => ({ name: f, value: 'x' }));
    cases.push({
      kind: 'multipart truncated',
      headers: mp,
      body: multipartBody(boundary, fieldParts).subarray(0, 40),
    });
    cases.push({
      kind: 'multipart garbage',
      headers: mp,
      body: Buffer.from('\u0000garbage--\r\n\r\n--'),
    });
    cases.push({ kind: 'multipart empty', headers: mp, body: Buffer.alloc(0) });
    cases.push({
      kind: 'multipart file named ../',
      headers: mp,
      body: multipartBody(boundary, [
        ...fieldParts,
        {
          name: 'file',
          value: Buffer.from('%PDF-1.4\n'),
          filename: '../../\u0001evil.pdf',
          type: 'application/pdf',
        },
      ]),
    });
    cases.push({
      kind: 'multipart two files',
      headers: mp,
      body: multipartBody(boundary, [
        { name: 'file', value: 'a', filename: 'a.txt', type: 'text/plain' },
        { name: 'file', value: 'b', filename: 'b.txt', type: 'text/plain' },
      ]),
    });
    cases.push({
      kind: 'multipart field as file',
      headers: mp,
      body: multipartBody(
        boundary,
        shape.fields.map((f) => ({ name: f, value: 'x', filename: 'x.txt' })),
      ),
    });
    cases.push({
      kind: 'multipart null fields',
      headers: mp,
      body: multipartBody(boundary, [
        ...shape.fields.map((f) => ({ name: f, value: 'null' })),
        { name: '__proto__', value: 'x' },
        { name: 'constructor', value: 'x' },
      ]),
    });
  }

  // Headers: odd Accept, languages, cookies, session tokens.
  for (const headers of [
    { Accept: 'application/xml' } as Record<string, string>,
    { Accept: 'text/html' },
    { Accept: '*/*;q=garbage' },
    { 'Accept-Language': 'xx-INVALID;q=abc, *;q=-1' },
    { Cookie: 'mutu_lang=zz; mutu_session=%E0%A4%A' },
    { Cookie: `mutu_session=${'a'.repeat(3000)}` },
    { 'X-CSRF-Token': 'not-the-token%00' },
  ])
    cases.push({ kind: `header ${Object.keys(headers)[0]}`, headers });

  // At most MAX_CASES (a seeded sample), at least MIN_CASES (random combinations of the above).
  while (cases.length > MAX_CASES) cases.splice(Math.floor(rnd() * cases.length), 1);
  const singles = [...cases];
  while (cases.length < MIN_CASES) {
    const a = pick(singles);
    const b = pick(singles);
    cases.push({
      kind: `combined ${a.kind} + ${b.kind}`,
      pathValue: a.pathValue ?? b.pathValue,
      query: [a.query, b.query].filter(Boolean).join('&') || undefined,
      headers: { ...(b.headers ?? {}), ...(a.headers ?? {}) },
      body: a.body ?? b.body,
    });
  }
  return cases;
}

interface Outcome {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

/** Why a response is wrong, or null when it is an acceptable answer to a malformed request. */
function problem(route: RouteEntry, res: Outcome): string | null {
  if (res.status >= 500) return `answered ${res.status}`;
  if (res.status < 400) return null;
  if (res.contentType.startsWith('application/json')) {
    const b = res.body as Record<string, unknown>;
    if (
      b?.statusCode !== res.status ||
      typeof b.error !== 'string' ||
      typeof b.message !== 'string' ||
      b.message === ''
    )
      return `${res.status} not in the error shape {statusCode, error, message, details?}`;
    return null;
  }
  if (res.contentType.startsWith('text/html')) {
    const errorPage = /<section class="card narrow">\s*<h1>/.test(res.text);
    const formError = /role="alert"/.test(res.text);
    if (!errorPage && !formError)
      return `${res.status} HTML that is neither the error page nor a form error`;
    if (!isPage(route)) return `${res.status} HTML for an API route`;
    return null;
  }
  return `${res.status} with content type "${res.contentType}"`;
}

const describeFuzz = process.env.MUTU_FUZZ === 'off' ? describe.skip : describeDb;

describeFuzz('fuzz: every route × malformed input × every caller', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  let doc: OpenApiDocument;
  const sessions = new Map<Role, Session>();
  /** Sign-out ends the session it uses: those routes get sessions of their own. */
  const logoutSessions = new Map<Role, Session>();
  let fixtures: Map<string, string>;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteTable).routes();
    doc = await openApiDocument(t);
    // One listening server for every request (supertest would otherwise listen anew each time).
    await new Promise<void>((done) => t.server.listen(0, '127.0.0.1', done));
    const address = t.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    for (const [role, username] of Object.entries(ACTORS)) {
      sessions.set(role as Role, await login(t.server, username));
      logoutSessions.set(role as Role, await login(t.server, username));
    }
    const admin = sessions.get('admin')!;
    fixtures = await unitFixtures(t, admin, 'DUKCAPIL');
    // A user of its own, so that a PATCH that happens to be valid changes nobody the fuzz signs in as.
    const target = await request(t.server)
      .post('/api/users')
      .set(bearer(admin))
      .send({
        username: 'fuzz.target',
        displayName: 'Fuzz target',
        role: 'assessor',
        password: 'fuzz-target-2026',
      })
      .expect(201);
    fixtures.set('users', (target.body as { id: string }).id);
    fixtures.set('reports', randomUUID());
  });
  afterAll(async () => {
    await new Promise((done) => (t?.server.listening ? t.server.close(done) : done(undefined)));
    await t?.close();
  });

  it('refuses null for a NOT NULL field with a 400 naming it (PATCH /api/auth/me)', async () => {
    const res = await request(t.server)
      .patch('/api/auth/me')
      .set(bearer(sessions.get('assessor')!))
      .set('Accept-Language', 'en')
      .send({ displayName: null })
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      details: [
        { field: 'displayName', rule: 'isNotNull', message: expect.stringContaining('null') },
      ],
    });
    const me = await request(t.server)
      .get('/api/auth/me')
      .set(bearer(sessions.get('assessor')!));
    expect(me.body.displayName).toBe('Ir. Rina Kusumawardani, M.T. (demo)');
  });

  it('clears a nullable field with null (PATCH /api/units/:id shortName)', async () => {
    const unit = fixtures.get('units')!;
    const res = await request(t.server)
      .patch(`/api/units/${unit}`)
      .set(bearer(sessions.get('admin')!))
      .send({ shortName: null })
      .expect(200);
    expect(res.body.shortName).toBeNull();
  });

  it(`sends at least ${MIN_CASES} malformed requests per operation: none answers ≥ 500, every refusal is the documented error`, async () => {
    console.log(`fuzz seed ${SEED} (replay with MUTU_FUZZ_SEED=${SEED})`);
    const rnd = seededRandom(SEED);
    const formFields = knownFieldNames(doc);
    const failures: string[] = [];
    let sent = 0;
    let operations = 0;
    const statuses = new Map<number, number>();
    const spent = new Map<string, number>();
    // Sign-out last: after it, the sessions it used are over.
    const ordered = [...routes].sort(
      (a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')),
    );
    for (const route of ordered) {
      operations++;
      const shape = shapeOf(doc, route, formFields);
      const access = route.access;
      const allowed = CALLERS.filter((c) =>
        !access
          ? false
          : access.kind === 'public'
            ? true
            : c === 'anonymous'
              ? false
              : access.kind === 'authenticated' || can(c, access.permission),
      );
      const cases = casesFor(route, shape, rnd);
      let renderBudget = shape.renderBudget;
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
      for (const [index, c] of cases.entries()) {
        // Each case as one caller: in turn the roles allowed to call the route, and every fifth
        // case one of the others (the guard's refusals are fuzzed too).
        const others = CALLERS.filter((x) => !allowed.includes(x));
        const callers: Caller[] = [
          allowed.length && (index % 5 !== 4 || !others.length)
            ? allowed[index % allowed.length]
            : others[Math.floor(index / 5) % others.length],
        ];
        for (const caller of callers) {
          // A PDF route renders only what passes validation: give it a language that does not
          // pass, or (when it reads no language from the query) a garbage id.
          const wouldRender = shape.renders && !c.pathValue && allowed.includes(caller);
          const mayRender = wouldRender && renderBudget > 0;
          if (mayRender) renderBudget--;
          const refuseRender = wouldRender && !mayRender;
          const pathValue =
            refuseRender && !shape.langQuery
              ? { param: routeParams(route.path)[0].param, value: pick(BAD_PATH_VALUES) }
              : c.pathValue;
          let path = concrete(route.path, fixtures, (_collection, param) =>
            pathValue?.param === param ? pathValue.value : undefined,
          );
          let query = c.query;
          if (refuseRender && shape.langQuery && !/(^|&)lang=/.test(query ?? ''))
            query = [query, 'lang=xx'].filter(Boolean).join('&');
          if (query) path += `?${query}`;
          const headers: Record<string, string> = { ...(c.headers ?? {}) };
          if (caller !== 'anonymous') {
            const session = (route.path.endsWith('/logout') ? logoutSessions : sessions).get(
              caller,
            )!;
            Object.assign(headers, bearer(session));
          }
          const req =
            request(base)[
              route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
            ](path);
          for (const [name, value] of Object.entries(headers)) req.set(name, value);
          if (c.body !== undefined) void req.send(c.body);
          const started = Date.now();
          const res = await req.buffer(true).parse(binaryBody);
          sent++;
          spent.set(route.path, (spent.get(route.path) ?? 0) + Date.now() - started);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = (res.body as Buffer).toString('utf8');
          const contentType = String(res.headers['content-type'] ?? '');
          let body: unknown = null;
          if (contentType.startsWith('application/json'))
            try {
              body = JSON.parse(text);
            } catch {
              body = null;
            }
          const wrong = problem(route, { status: res.status, contentType, body, text });
          if (wrong) {
            const shown =
              c.body === undefined
                ? '(none)'
                : c.body.length > 2000
                  ? `${c.body.toString().slice(0, 200)}… (${c.body.length} bytes)`
                  : c.body.toString();
            failures.push(
              [
                `${route.method} ${route.path} as ${caller} [${c.kind}]: ${wrong}`,
                `  replay: MUTU_FUZZ_SEED=${SEED}; ${route.method} ${path.slice(0, 600)}`,
                `  headers: ${JSON.stringify(headers)}`,
                `  body: ${shown}`,
                `  answer: ${text.slice(0, 300)}`,
              ].join('\n'),
            );
          }
        }
      }
    }
    console.log(
      `fuzz: ${operations} operations, ${sent} requests on ${t.config.database.engine}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    if (process.env.MUTU_FUZZ_TIMES)
      console.log(
        [...spent]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([p, ms]) => `${ms} ms ${p}`)
          .join('\n'),
      );
    // One example of each kind of failure per operation, so that one defect does not hide the others.
    const distinct = new Map<string, string>();
    for (const f of failures) {
      const key = f
        .split('\n')[0]
        .replace(/ as \w+ /, ' ')
        .replace(/\]: .*/, ']');
      if (!distinct.has(key)) distinct.set(key, f);
    }
    if (failures.length)
      console.log(
        `${failures.length} failures:\n\n${[...distinct.values()].slice(0, 60).join('\n\n')}`,
      );
    expect([...distinct.keys()].slice(0, 60)).toEqual([]);
    expect(operations).toBe(routes.length);
    expect(sent).toBeGreaterThanOrEqual(routes.length * MIN_CASES);
  }, 900_000);
});
