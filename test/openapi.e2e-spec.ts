import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import request from 'supertest';
import { RouteTable, type RouteEntry } from '../src/auth/route-table.js';
import { openApiPath } from '../src/openapi-document.js';
import { describeDb } from './support/test-db.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};
interface Operation {
  operationId: string;
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Schema }>; headers?: object }
  >;
  security?: Record<string, string[]>[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, object> };
}

const ERROR_REF = '#/components/schemas/ErrorBodyResponse';
/** The API and the health checks are documented; the HTML pages (ApiExcludeController) are not. */
const isApi = (route: RouteEntry): boolean => /^\/(api|health)(\/|$)/.test(route.path);

/** A success schema a client can use: a named model, a list of one, or file bytes. */
function usable(schema: Schema | undefined, doc: Document): boolean {
  if (!schema) return false;
  if (schema.$ref)
    return schema.$ref.replace('#/components/schemas/', '') in doc.components.schemas;
  if (schema.type === 'array') return usable(schema.items, doc);
  return schema.type === 'string' && schema.format === 'binary';
}

describeDb('OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  let routes: RouteEntry[];
  beforeAll(async () => {
    t = await startTestApp({ MUTU_DEMO: 'false' });
    doc = (await request(t.server).get('/api/docs-json').expect(200)).body as Document;
    routes = t.app.get(RouteTable).routes().filter(isApi);
  });
  afterAll(async () => {
    await t?.close();
  });

  const operations = (): [string, Operation, RouteEntry][] =>
    routes.map((r) => {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
      return [`${r.method} ${r.path}`, op, r];
    });

  it('documents every API route of the route table, and nothing else', () => {
    expect(routes.length).toBeGreaterThan(45);
    const missing = operations().filter(([, op]) => !op);
    expect(missing.map(([name]) => name)).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort(),
    );
  });

  it('gives every operation a success response with a schema a client can use', () => {
    const without = operations().filter(([, op]) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
      if (success.length !== 1) return true;
      const [status, response] = success[0];
      if (status === '204') return response.content !== undefined;
      const media = Object.values(response.content ?? {});
      return media.length === 0 || !media.every((m) => usable(m.schema, doc));
    });
    expect(without.map(([name]) => name)).toEqual([]);
  });

  it('types every property of every schema (no field a client must guess)', () => {
    const vague = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(
          ([, p]) =>
            (p.type === 'object' || p.type === undefined) &&
            !p.properties &&
            !p.allOf &&
            !p.$ref &&
            !(p as { additionalProperties?: unknown }).additionalProperties &&
            !(p as { oneOf?: unknown }).oneOf &&
            !(p as { enum?: unknown }).enum,
        )
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(vague).toEqual([]);
    // An optional `string | null` DTO field with an explicit @ApiPropertyOptional stays a string.
    expect(doc.components.schemas.CreateAssessmentDto.properties?.endsOn).toMatchObject({
      type: 'string',
      nullable: true,
    });
  });

  it('declares the error responses with the shared error body', () => {
    const problems: string[] = [];
    for (const [name, op, route] of operations()) {
      const errors = Object.entries(op.responses).filter(([status]) => !/^2/.test(status));
      for (const [status, response] of errors)
        if (response.content?.['application/json']?.schema?.$ref !== ERROR_REF)
          problems.push(`${name} ${status}: not the error body`);
      const statuses = errors.map(([status]) => status);
      const expected = ['500'];
      if (route.access?.kind !== 'public') expected.push('401', '403');
      if (op.parameters?.some((p) => p.in === 'path')) expected.push('404');
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody) expected.push('400');
      for (const status of expected)
        if (!statuses.includes(status)) problems.push(`${name}: no ${status}`);
    }
    expect(problems).toEqual([]);
    expect(doc.paths['/api/auth/login'].post.responses['429']).toBeDefined();
    expect(doc.paths['/api/evidence/{id}/versions'].post.responses['413']).toBeDefined();
    expect(doc.components.schemas.ErrorBodyResponse).toMatchObject({
      required: expect.arrayContaining(['statusCode', 'error', 'code', 'message']),
      properties: {
        statusCode: { type: 'number' },
        error: { type: 'string' },
        code: { type: 'string' },
        message: { type: 'string' },
        details: expect.any(Object),
        requestId: { type: 'string' },
      },
    });
  });

  it('documents the error body the server really sends', async () => {
    const schema = doc.components.schemas.ErrorBodyResponse;
    const refusals = [
      await request(t.server).get('/api/auth/me').expect(401),
      await request(t.server).post('/api/auth/login').send({ username: 'x' }).expect(400),
    ];
    for (const res of refusals) {
      const body = res.body as Record<string, unknown>;
      expect(Object.keys(body).filter((k) => !(k in schema.properties!))).toEqual([]);
      for (const field of schema.required!) expect(body).toHaveProperty(field);
    }
    const problem = doc.components.schemas.FieldProblemResponse;
    const details = refusals[1].body.details as Record<string, unknown>[];
    expect(details.length).toBeGreaterThan(0);
    for (const p of details) {
      expect(Object.keys(p).filter((k) => !(k in problem.properties!))).toEqual([]);
      for (const field of problem.required!) expect(p).toHaveProperty(field);
    }
  });

  it('declares bearer and cookie sign-in on every route that is not public', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      cookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'mutu_session' }),
    });
    const wrong = operations().filter(([, op, route]) =>
      route.access?.kind === 'public'
        ? op.security !== undefined
        : JSON.stringify(op.security) !== JSON.stringify([{ bearer: [] }, { cookie: [] }]),
    );
    expect(wrong.map(([name]) => name)).toEqual([]);
    expect(routes.filter((r) => r.access?.kind === 'public').map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/health']),
    );
  });

  it('generates client types (openapi-typescript) that compile and describe the answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mutu-openapi-'));
    try {
      // A default belongs to the request side (the server fills it in): keep such fields optional.
      const ast = await openapiTS(doc as never, { silent: true, defaultNonNullable: false });
      await writeFile(join(dir, 'api.d.ts'), astToString(ast));
      await writeFile(
        join(dir, 'use.ts'),
        `import type { components, operations, paths } from './api.js';
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Login = Json<paths['/api/auth/login']['post']['responses'][200]>;
type Readiness = Json<paths['/api/units/{id}/readiness']['get']['responses'][200]>;
type EvidencePage = Json<operations['EvidenceController_list']['responses'][200]>;
type ErrorBody = components['schemas']['ErrorBodyResponse'];
type ReadinessId = paths['/api/units/{id}/readiness']['get']['parameters']['path']['id'];

export function use(login: Login, readiness: Readiness, page: EvidencePage, error: ErrorBody): string[] {
  const token: string = login.accessToken;
  const role:
    | 'admin'
    | 'quality_officer'
    | 'assessor'
    | 'management'
    | 'unit_head'
    | 'diagnostic_assessor' =
    login.user.role;
  const score: number | null = readiness.score;
  const blockers: string[] = readiness.blockers.map((b) => b.code);
  const sha: string | undefined = page.items[0]?.latestVersion?.sha256;
  const status: number = error.statusCode;
  const fields: string[] = Array.isArray(error.details) ? error.details.map((p) => p.field) : [];
  const id: ReadinessId = 'x';
  const start: components['schemas']['CreateAssessmentDto'] = {
    type: 'gap_assessment',
    title: 'Gap assessment',
    startsOn: '2026-11-23',
    endsOn: '2026-11-27',
    scope: null,
  };
  // @ts-expect-error a readiness answer has no such field
  readiness.noSuchField;
  // @ts-expect-error score may be null
  const notNull: number = readiness.score;
  return [token, role, String(score), ...blockers, sha ?? '', String(status), ...fields, id, start.title, String(notNull)];
}
`,
      );
      const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
      const run = spawnSync(
        process.execPath,
        [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', 'use.ts'],
        { cwd: dir, encoding: 'utf8', timeout: 120_000 },
      );
      expect(`${run.stdout}${run.stderr}`).toBe('');
      expect(run.status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
