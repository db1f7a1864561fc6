import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Notification } from '../../src/notifications/notification.entity.js';
import type { RouteEntry } from '../../src/auth/route-table.js';
import { bearer, type Session } from './auth.js';
import type { TestApp } from './test-app.js';

/** Browser pages (everything outside /api and /health). */
export const isPage = (route: RouteEntry): boolean => !/^\/(api|health)(\/|$)/.test(route.path);

/** The `:param`s of a route path, each with the collection segment before it (`/units/:id` → units). */
export const routeParams = (path: string): { collection: string; param: string }[] =>
  [...path.matchAll(/\/([a-z-]+)\/:(\w+)/g)].map((m) => ({ collection: m[1], param: m[2] }));

/** The path with every `:param` replaced by the fixture of its collection (or the override). */
export function concrete(
  path: string,
  fixtures: Map<string, string>,
  override: (collection: string, param: string) => string | undefined = () => undefined,
): string {
  return path.replace(/\/([a-z-]+)\/:(\w+)/g, (_m, collection: string, param: string) => {
    const value = override(collection, param) ?? fixtures.get(collection);
    if (value === undefined)
      throw new Error(
        `No fixture for :${param} after /${collection}/ (${path}): add one in test/support/route-fixtures.ts`,
      );
    return `/${collection}/${value}`;
  });
}

/**
 * Records of one unit of the demo data, by the collection name that addresses them in paths
 * (units, assessments, evidence, findings, satisfaction-surveys, risks, objectives, measurements,
 * clauses, versions), plus the collections that are not
 * (units, assessments, evidence, findings, satisfaction-surveys, notifications, clauses, versions), plus the collections that are not
 * unit data (organisations, standards, lang).
 * (units, assessments, evidence, findings, satisfaction-surveys, clauses, versions), plus the collections that are not
 * unit data (organisations, standards, lang, diagnostics and their indicators).
 * (units, assessments, evidence, findings, satisfaction-surveys, audit-programme-entries,
 * management-reviews, review-decisions, clauses, versions), plus the collections that are not
 * unit data (organisations, audit-programmes, standards, lang).
 */
export async function unitFixtures(
  t: TestApp,
  admin: Session,
  unitCode: string,
): Promise<Map<string, string>> {
  const fixtures = new Map<string, string>();
  const [org] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body as {
    id: string;
  }[];
  const units = (
    await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(admin))
  ).body as { id: string; code: string }[];
  const unit = units.find((u) => u.code === unitCode);
  if (!unit) throw new Error(`no demo unit ${unitCode}`);
  fixtures.set('organisations', org.id);
  fixtures.set('units', unit.id);
  fixtures.set('standards', 'iso-9001-2015');
  const p1 = t.config.database.engine === 'postgres' ? '$1' : '?';
  const one = async (sql: string): Promise<string> => {
    const rows = await t.db.query<{ id: string }[]>(sql, [unit.id]);
    if (!rows[0]) throw new Error(`no demo record of ${unitCode} for: ${sql}`);
    return rows[0].id;
  };
  fixtures.set('assessments', await one(`SELECT id FROM assessment WHERE unit_id = ${p1}`));
  fixtures.set(
    'evidence',
    await one(
      `SELECT e.id FROM evidence e JOIN evidence_version v ON v.evidence_id = e.id WHERE e.unit_id = ${p1}`,
    ),
  );
  fixtures.set(
    'findings',
    await one(
      `SELECT f.id FROM finding f JOIN assessment a ON a.id = f.assessment_id WHERE a.unit_id = ${p1}`,
    ),
  );
  fixtures.set(
    'satisfaction-surveys',
    await one(`SELECT id FROM satisfaction_survey WHERE unit_id = ${p1}`),
  );
  fixtures.set('risks', await one(`SELECT id FROM risk WHERE unit_id = ${p1}`));
  fixtures.set('objectives', await one(`SELECT id FROM quality_objective WHERE unit_id = ${p1}`));
  const [measured] = await t.db.query<{ period: string }[]>(
    `SELECT m.period FROM objective_measurement m WHERE m.objective_id = ${p1}`,
    [fixtures.get('objectives')],
  );
  if (!measured) throw new Error(`no demo measurement of ${unitCode}`);
  fixtures.set('measurements', measured.period);
  // A notification of the unit for one of its officers (the scan does not run in tests by itself).
  const officer = await one(
    `SELECT uu.user_id AS id FROM user_unit uu JOIN user_account ua ON ua.id = uu.user_id AND ua.role = 'quality_officer' WHERE uu.unit_id = ${p1}`,
  );
  const notification = randomUUID();
  await t.db.getRepository(Notification).insert({
    id: notification,
    key: `fixture|${unit.id}|${officer}|2026-01-01`,
    kind: 'survey_due',
    recipientId: officer,
    unitId: unit.id,
    recordId: unit.id,
    dueOn: '2026-01-01',
    params: { date: '2026-01-01' },
    url: `/units/${unit.id}/satisfaction`,
    deliveryId: null,
    readAt: null,
    createdAt: new Date(),
  });
  fixtures.set('notifications', notification);
  fixtures.set(
    'documents',
    await one(
      `SELECT d.id FROM document d JOIN document_revision r ON r.document_id = d.id WHERE d.unit_id = ${p1}`,
    ),
  );
  fixtures.set('revisions', '1');
  const [diagnostic] = await t.db.query<{ id: string }[]>(
    `SELECT id FROM diagnostic WHERE organisation_id = ${p1} ORDER BY period DESC`,
    [org.id],
  );
  if (!diagnostic) throw new Error('no demo diagnostic of the organisation');
  fixtures.set('diagnostics', diagnostic.id);
  fixtures.set('indicators', '1.1');
  fixtures.set(
    'audit-programmes',
    await one(
      `SELECT p.id FROM audit_programme p JOIN unit u ON u.organisation_id = p.organisation_id WHERE u.id = ${p1}`,
    ),
  );
  fixtures.set(
    'audit-programme-entries',
    await one(`SELECT id FROM audit_programme_entry WHERE unit_id = ${p1}`),
  );
  fixtures.set(
    'management-reviews',
    await one(`SELECT id FROM management_review WHERE unit_id = ${p1}`),
  );
  fixtures.set(
    'review-decisions',
    await one(`SELECT id FROM management_review_decision WHERE unit_id = ${p1}`),
  );
  fixtures.set('clauses', '9.1.2');
  fixtures.set('versions', '1');
  fixtures.set('lang', 'en');
  return fixtures;
}

// ---- OpenAPI: the request bodies and query parameters each API operation documents ----

export interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  example?: unknown;
  default?: unknown;
  minLength?: number;
  $ref?: string;
  allOf?: OpenApiSchema[];
}
interface OpenApiOperation {
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    example?: unknown;
    schema?: OpenApiSchema;
  }[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

export async function openApiDocument(t: TestApp): Promise<OpenApiDocument> {
  const res = await request(t.server).get('/api/docs-json').expect(200);
  return res.body as OpenApiDocument;
}

export function operation(doc: OpenApiDocument, route: RouteEntry): OpenApiOperation | undefined {
  const path = route.path.replace(/:(\w+)/g, '{$1}');
  return doc.paths[path]?.[route.method.toLowerCase()];
}

export function resolve(doc: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(doc, schema.allOf[0]);
  return schema;
}

/** The documented JSON body of an operation (its properties), if any. */
export function bodySchema(doc: OpenApiDocument, route: RouteEntry): OpenApiSchema | undefined {
  const content = operation(doc, route)?.requestBody?.content;
  const schema = content?.['application/json']?.schema;
  return schema ? resolve(doc, schema) : undefined;
}

/** A plausible value for a documented field: its example, first choice, or a value of its type. */
export function plausible(doc: OpenApiDocument, raw: OpenApiSchema, name = ''): unknown {
  const s = resolve(doc, raw);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  switch (s.type ?? 'string') {
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return 1;
    case 'array':
      return /clause/i.test(name) ? ['9.1.2'] : [];
    case 'object':
      // A `string | null` property is documented as an object without properties.
      if (s.properties) return validBody(doc, s);
      break;
  }
  if (/On$|Until$|since|until/.test(name)) return '2027-01-15';
  if (/Ids?$/.test(name)) return '00000000-0000-4000-8000-000000000000';
  if (/clause/i.test(name)) return '9.1.2';
  return s.minLength ? 'x'.repeat(s.minLength) + '-fuzz' : 'Fuzz text';
}

/** A plausible value for every required query parameter an operation documents. */
export function requiredQuery(doc: OpenApiDocument, route: RouteEntry): Record<string, string> {
  const query: Record<string, string> = {};
  for (const p of operation(doc, route)?.parameters ?? [])
    if (p.in === 'query' && p.required)
      query[p.name] = String(p.example ?? plausible(doc, p.schema ?? {}, p.name));
  return query;
}

/** A body with a plausible value for every documented property (required or not). */
export function validBody(doc: OpenApiDocument, schema: OpenApiSchema): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(resolve(doc, schema).properties ?? {}))
    body[name] = plausible(doc, prop, name);
  return body;
}

/** Every property name any documented body has: the field names page forms are fuzzed with. */
export function knownFieldNames(doc: OpenApiDocument): string[] {
  const names = new Set<string>();
  for (const schema of Object.values(doc.components?.schemas ?? {}))
    for (const name of Object.keys(schema.properties ?? {})) names.add(name);
  return [...names].sort();
}
