import request from 'supertest';
import type { Server } from 'node:http';

export const DEMO_PASSWORD = 'mutu-demo-2026';

export interface Session {
  token: string;
  csrfToken: string;
  cookie: string;
  user: {
    id: string;
    username: string;
    role: string;
    organisationId: string | null;
    unitIds: string[];
  };
}

/** Signs a demo user in through the real login route. */
export async function login(
  server: Server,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await request(server)
    .post('/api/auth/login')
    .send({ username, password })
    .expect(200);
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('mutu_session='));
  if (!cookie) throw new Error('login did not set the session cookie');
  return {
    token: res.body.accessToken,
    csrfToken: res.body.csrfToken,
    cookie: cookie.split(';')[0],
    user: res.body.user,
  };
}

export const bearer = (s: Session): Record<string, string> => ({
  Authorization: `Bearer ${s.token}`,
});

/**
 * A browser without JavaScript signed in as `session`: GET a page as HTML, POST a form urlencoded
 * with the session's CSRF token (what the page's hidden `_csrf` input sends).
 */
export function asBrowser(server: Server, defaultSession: Session) {
  return {
    page: (path: string, s: Session = defaultSession) =>
      request(server).get(path).set('Cookie', s.cookie).set('Accept', 'text/html'),
    post: (path: string, form: Record<string, string>, s: Session = defaultSession) =>
      request(server)
        .post(path)
        .set('Cookie', s.cookie)
        .set('Accept', 'text/html')
        .type('form')
        .send({ ...form, _csrf: s.csrfToken }),
  };
}
