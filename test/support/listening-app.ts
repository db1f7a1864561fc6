import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './test-app.js';

export interface ListeningApp extends TestApp {
  baseUrl: string;
}

/** The real app on SQLite, listening on a free loopback port, for browser tests. */
export async function startListeningApp(env: Record<string, string> = {}): Promise<ListeningApp> {
  const t = await startTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
