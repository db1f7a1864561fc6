import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RouteTable, type RouteEntry } from '../src/auth/route-table.js';
import { can } from '../src/auth/permissions.js';
import type { Role } from '../src/auth/role.js';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { concrete as concreteFrom, unitFixtures } from './support/route-fixtures.js';
import { describeDb } from './support/test-db.js';

/** One demo user per role; the officer's unit (Dukcapil) is the one whose records fill route parameters. */
const ACTORS: Record<Role, string> = {
  admin: 'admin',
  quality_officer: 'officer.dukcapil',
  assessor: 'assessor',
  management: 'management',
  unit_head: 'head.dukcapil',
  diagnostic_assessor: 'diagnostic.assessor',
};

type Caller = Role | 'anonymous';

const PDF_DOWNLOAD = /\.pdf$/;

/** Browser pages send a visitor to the sign-in page instead of answering 401. */
const isPage = (route: RouteEntry): boolean => !/^\/(api|health)(\/|$)/.test(route.path);

const GUARD_CODES = [
  'unauthorized',
  'session_expired',
  'forbidden',
  'no_access_declared',
  'csrf_invalid',
];

/**
 * Whether the access guard turned the call away (as opposed to the route answering, perhaps with
 * a 4xx of its own such as a wrong password): API refusals carry the guard's codes; pages send a
 * visitor to sign in, or show the 403 page.
 */
function refused(
  route: RouteEntry,
  res: { status: number; body: { code?: string }; headers: Record<string, string> },
): boolean {
  if (isPage(route))
    return (
      res.status === 403 ||
      (res.status === 303 && String(res.headers.location).startsWith('/login?next='))
    );
  return (res.status === 401 || res.status === 403) && GUARD_CODES.includes(res.body.code ?? '');
}

function expected(route: RouteEntry, caller: Caller): 'allow' | 303 | 401 | 403 {
  const access = route.access;
  if (!access) return 403;
  if (access.kind === 'public') return 'allow';
  if (caller === 'anonymous') return isPage(route) ? 303 : 401;
  if (access.kind === 'authenticated') return 'allow';
  return can(caller, access.permission) ? 'allow' : 403;
}

describeDb('permission matrix: every route × every role', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  const sessions = new Map<Role, Session>();
  let fixtures = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    routes = t.app.get(RouteTable).routes();
    for (const [role, username] of Object.entries(ACTORS))
      sessions.set(role as Role, await login(t.server, username));
    const admin = sessions.get('admin')!;
    // Records of the officer's unit (Dukcapil) from the demo data, for routes that address them.
    fixtures = await unitFixtures(t, admin, 'DUKCAPIL');
    fixtures.set('users', sessions.get('quality_officer')!.user.id);
    // No report is issued in the demo data: an unknown id, so allowed roles get 404.
    fixtures.set('reports', randomUUID());
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A real record of the officer's unit for each `:param`, chosen by the path segment before it. */
  const concrete = (path: string): string => concreteFrom(path, fixtures);

  it('knows every route, and every route declares who may call it', () => {
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('allows and refuses exactly as declared, for every role and for anonymous callers', async () => {
    const callers: Caller[] = [
      'anonymous',
      'admin',
      'quality_officer',
      'assessor',
      'management',
      'unit_head',
      'diagnostic_assessor',
    ];
    const mismatches: string[] = [];
    // Sign-out last: it ends the session the other calls use.
    const ordered = [...routes].sort(
      (a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')),
    );
    let cells = 0;
    for (const caller of callers) {
      for (const route of ordered) {
        // Signing out ends the session it uses: those routes get a session of their own.
        const session =
          caller === 'anonymous'
            ? null
            : route.path.endsWith('/logout')
              ? await login(t.server, ACTORS[caller])
              : sessions.get(caller)!;
        // A PDF download gets a language its validation refuses: pipes run after the guard, so a
        // 400 still says the guard let the caller through, without Chromium printing the report.
        const path = concrete(route.path) + (PDF_DOWNLOAD.test(route.path) ? '?lang=xx' : '');
        const req = request(t.server)[
          route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
        ](path);
        if (session) req.set(bearer(session));
        const res = route.method === 'GET' ? await req : await req.send({});
        const want = expected(route, caller);
        const got = res.status;
        // An allowed call may be refused by the route itself (a 4xx), never answer a 5xx.
        const ok = want === 'allow' ? !refused(route, res) && got < 500 : got === want;
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
