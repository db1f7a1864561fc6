import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const LIMIT = 2;

describeDb('overload: beyond MUTU_MAX_INFLIGHT, a fast 503 with Retry-After', () => {
  let t: TestApp;
  let officer: Session;
  let port: number;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp({ MUTU_MAX_INFLIGHT: String(LIMIT) });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    officer = await login(t.server, 'officer.setda');
    unitId = officer.user.unitIds[0];
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * An upload whose body has not finished arriving: the request is admitted and stays in flight
   * (the service is reading the file) until the socket is closed. No timing involved.
   */
  const slowUpload = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        const boundary = 'mutu-boundary';
        const start =
          `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nLambat\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="clauses"\r\n\r\n4.3\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n` +
          `Content-Type: text/plain\r\n\r\nbelum selesai`;
        socket.write(
          `POST /api/units/${unitId}/evidence HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            `Authorization: Bearer ${officer.token}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
            `Content-Length: 1000000\r\n\r\n${start}`,
        );
        resolve(socket);
      });
      socket.on('error', reject);
    });

  const me = () => request(t.server).get('/api/auth/me').set(bearer(officer));

  /** Asks until the answer has the status wanted (the held uploads reach the app in their own time). */
  const until = async (status: number): Promise<request.Response> => {
    for (let i = 0; i < 400; i++) {
      const res = await me();
      if (res.status === status) return res;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`GET /api/auth/me never answered ${status}`);
  };

  it('answers 503 + Retry-After while full, keeps the health probe, and recovers when requests end', async () => {
    await me().expect(200);
    const held = [await slowUpload(), await slowUpload()];
    try {
      const busy = await until(503);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body).toMatchObject({ statusCode: 503, code: 'server_busy' });
      expect(busy.body.message).toBe(
        'Server sedang melayani terlalu banyak permintaan. Coba lagi sebentar lagi.',
      );
      const en = await me().set('Accept-Language', 'en').expect(503);
      expect(en.body.message).toBe(
        'The server is handling too many requests. Please try again in a moment.',
      );
      await request(t.server).get('/health').expect(200);
    } finally {
      for (const socket of held) socket.destroy();
    }
    const ok = await until(200);
    expect(ok.body.username).toBe('officer.setda');
  }, 120_000);
});
