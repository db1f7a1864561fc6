import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { Evidence } from '../src/evidence/evidence.entity.js';
import { login, type Session } from './support/auth.js';
import { png } from './support/files.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/** Every file under a directory, recursively (the evidence store and its tmp/). */
const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
    : [];

describeDb('CSRF for uploads from a form without JavaScript (token in the query)', () => {
  let t: TestApp;
  let officer: Session;
  let unitId: string;
  const stored = () => filesUnder(join(t.config.dataDir, 'evidence'));
  const count = () => t.db.getRepository(Evidence).count();

  beforeAll(async () => {
    t = await startTestApp();
    officer = await login(t.server, 'officer.bkd');
    unitId = officer.user.unitIds[0];
  });
  afterAll(async () => {
    await t?.close();
  });

  const form = (path: string) =>
    request(t.server)
      .post(path)
      .set('Cookie', officer.cookie)
      .set('Accept', 'text/html')
      .field('title', 'Daftar hadir apel pagi')
      .field('clauses', '7.1.2')
      .attach('file', png(), 'apel.png');

  it('takes the page form with ?_csrf= as a browser without JavaScript sends it', async () => {
    const before = await count();
    const res = await form(`/units/${unitId}/evidence?_csrf=${officer.csrfToken}`).expect(303);
    expect(res.headers.location).toMatch(/^\/evidence\/[0-9a-f-]{36}\?flash=evidence_uploaded$/);
    expect(await count()).toBe(before + 1);
    // The API route takes it the same way.
    await request(t.server)
      .post(`/api/units/${unitId}/evidence?_csrf=${encodeURIComponent(officer.csrfToken)}`)
      .set('Cookie', officer.cookie)
      .field('title', 'Daftar hadir apel sore')
      .field('clauses', '7.1.2')
      .attach('file', png(), 'apel-sore.png')
      .expect(201);
    expect(await count()).toBe(before + 2);
  });

  it('takes a new version from the evidence page form the same way, and refuses it without the token', async () => {
    const created = await form(`/units/${unitId}/evidence?_csrf=${officer.csrfToken}`).expect(303);
    const id = /\/evidence\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
    const version = (path: string) =>
      request(t.server)
        .post(path)
        .set('Cookie', officer.cookie)
        .set('Accept', 'text/html')
        .attach('file', png(), 'apel-v2.png');
    await version(`/evidence/${id}/versions`).expect(403);
    const res = await version(`/evidence/${id}/versions?_csrf=${officer.csrfToken}`).expect(303);
    expect(res.headers.location).toBe(`/evidence/${id}?flash=version_uploaded`);
  });

  it('refuses a multipart upload without a token, or with a wrong one, and stores nothing', async () => {
    const before = await count();
    const files = stored();
    for (const path of [
      `/units/${unitId}/evidence`,
      `/units/${unitId}/evidence?_csrf=`,
      `/units/${unitId}/evidence?_csrf=${'x'.repeat(officer.csrfToken.length)}`,
      `/units/${unitId}/evidence?_csrf=${officer.csrfToken}&_csrf=${officer.csrfToken}`,
      `/api/units/${unitId}/evidence?_csrf=salah`,
    ]) {
      const res = await form(path);
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect(await count()).toBe(before);
    expect(stored()).toEqual(files);
  });

  it('takes the query token for multipart requests only: not for JSON or form-encoded bodies', async () => {
    const json = await request(t.server)
      .post(`/api/units/${unitId}/evidence?_csrf=${officer.csrfToken}`)
      .set('Cookie', officer.cookie)
      .send({ title: 'Maklumat', clauses: ['8.2.2'], reference: 'Papan informasi' });
    expect(json.status).toBe(403);
    expect(json.body.code).toBe('csrf_invalid');
    const logout = await request(t.server)
      .post(`/logout?_csrf=${officer.csrfToken}`)
      .set('Cookie', officer.cookie)
      .type('form')
      .send({});
    expect(logout.status).toBe(403);
  });

  it('refuses before reading the file: the 403 comes while the body is still being sent, and no byte is stored', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.server.address() as AddressInfo;
    const boundary = 'mutu-csrf-boundary';
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/units/${unitId}/evidence`,
        headers: {
          Cookie: officer.cookie,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(10 * 1024 * 1024),
        },
      });
      req.on('response', (r) => {
        resolve(r);
        req.destroy();
      });
      req.on('error', reject);
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBukti\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="clauses"\r\n\r\n7.1.2\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      );
      req.write(png());
      // The rest of the 10 MB never comes: only a guard that does not wait for the body can answer.
    });
    expect(res.statusCode).toBe(403);
    res.resume();
    expect(filesUnder(join(t.config.dataDir, 'evidence', 'tmp'))).toEqual([]);
  });
});
