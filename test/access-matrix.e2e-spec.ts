import request from 'supertest';
import { RouteTable, type RouteEntry } from '../src/auth/route-table.js';
import { can } from '../src/auth/permissions.js';
import type { Role } from '../src/auth/role.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/** One demo user per role; the officer's unit (Dukcapil) is the one whose records fill route parameters. */
const ACTORS: Record<Role, string> = {
  admin: 'admin',
  quality_officer: 'officer.dukcapil',
  assessor: 'assessor',
  management: 'management',
};

type Caller = Role | 'anonymous';

function expected(route: RouteEntry, caller: Caller): 'allow' | 401 | 403 {
  const access = route.access;
  if (!access) return 403;
  if (access.kind === 'public') return 'allow';
  if (caller === 'anonymous') return 401;
  if (access.kind === 'authenticated') return 'allow';
  return can(caller, access.permission) ? 'allow' : 403;
}

describeDb('permission matrix: every route × every role', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  const sessions = new Map<Role, Session>();
  const fixtures = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteTable).routes();
    for (const [role, username] of Object.entries(ACTORS))
      sessions.set(role as Role, await login(t.server, username));
    const admin = sessions.get('admin')!;
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body as {
      id: string;
    }[];
    const units = (
      await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(admin))
    ).body as { id: string; code: string }[];
    fixtures.set('organisations', org.id);
    fixtures.set('units', units.find((u) => u.code === 'DUKCAPIL')!.id);
    fixtures.set('users', sessions.get('quality_officer')!.user.id);
    fixtures.set('standards', 'iso-9001-2015');
    // Records of the officer's unit (Dukcapil) from the demo data, for routes that address them.
    const one = async (sql: string): Promise<string> => {
      const rows = await t.db.query<{ id: string }[]>(sql, [fixtures.get('units')]);
      if (!rows[0]) throw new Error(`no demo record for: ${sql}`);
      return rows[0].id;
    };
    const p1 = t.config.database.engine === 'postgres' ? '$1' : '?';
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
    fixtures.set('clauses', '9.1.2');
    fixtures.set('versions', '1');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A real record of the officer's unit for each `:param`, chosen by the path segment before it. */
  function concrete(path: string): string {
    return path.replace(/\/([a-z-]+)\/:(\w+)/g, (_m, collection: string, param: string) => {
      const value = fixtures.get(collection);
      if (!value)
        throw new Error(
          `The matrix has no fixture for :${param} after /${collection}/ (${path}): add one`,
        );
      return `/${collection}/${value}`;
    });
  }

  it('knows every route, and every route declares who may call it', () => {
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('allows and refuses exactly as declared, for every role and for anonymous callers', async () => {
    const callers: Caller[] = ['anonymous', 'admin', 'quality_officer', 'assessor', 'management'];
    const mismatches: string[] = [];
    // Sign-out last: it ends the session the other calls use.
    const ordered = [...routes].sort(
      (a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')),
    );
    let cells = 0;
    for (const caller of callers) {
      for (const route of ordered) {
        const session = caller === 'anonymous' ? null : sessions.get(caller)!;
        const req = request(t.server)[
          route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
        ](concrete(route.path));
        if (session) req.set(bearer(session));
        const res = route.method === 'GET' ? await req : await req.send({});
        const want = expected(route, caller);
        const got = res.status;
        const ok = want === 'allow' ? got !== 401 && got !== 403 : got === want;
        if (!ok)
          mismatches.push(
            `${caller} ${route.method} ${route.path}: expected ${want}, got ${got} ${JSON.stringify(res.body).slice(0, 120)}`,
          );
        cells++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(routes.length * callers.length);
  });
});
