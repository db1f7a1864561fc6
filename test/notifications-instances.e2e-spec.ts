import request from 'supertest';
import { todayInZone } from '../src/common/dates.js';
import { NotificationDelivery } from '../src/notifications/notification-delivery.entity.js';
import { NotificationEngine } from '../src/notifications/notification-engine.js';
import { recipientOf, startSmtp, type TestSmtp } from './support/smtp.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb, engine } from './support/test-db.js';

const at = (day: string, time: string): Date => new Date(`${day}T${time}:00+08:00`);
const today = todayInZone(new Date());

// Two app instances (two pools) on one PostgreSQL; SQLite is one process by design.
(engine === 'postgres' ? describeDb : describe.skip)(
  'notifications: two app instances on one PostgreSQL',
  () => {
    let smtp: TestSmtp;
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      smtp = await startSmtp();
      const env = { MUTU_SMTP_URL: smtp.url };
      a = await startTestApp(env);
      b = await startTestApp(env, a.database);
    });

    afterAll(async () => {
      await b?.close();
      await a?.close();
      await smtp?.close();
    });

    it('scanning and sending at the same moment on both sends every e-mail exactly once', async () => {
      const [ea, eb] = [a.app.get(NotificationEngine), b.app.get(NotificationEngine)];
      const now = at(today, '07:30');
      const results = await Promise.all([ea.tick(now), eb.tick(now), ea.tick(now), eb.tick(now)]);
      // Whatever a round left (claimed by the other), one more round each sends.
      await Promise.all([ea.deliver(now), eb.deliver(now)]);
      const created = results.reduce((n, r) => n + r.scan.created.length, 0);
      const notifications = await a.db.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM notification',
      );
      expect(created).toBe(Number(notifications[0].n));
      const deliveries = await a.db.getRepository(NotificationDelivery).find();
      expect(deliveries.length).toBeGreaterThan(0);
      expect(deliveries.every((d) => d.status === 'sent')).toBe(true);
      expect(smtp.messages).toHaveLength(deliveries.length);
      const ids = smtp.messages.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      const digests = smtp.messages.filter((m) => m.subject?.includes('hal perlu perhatian'));
      const to = digests.map(recipientOf);
      expect(new Set(to).size).toBe(to.length);
      expect(to.length).toBeGreaterThanOrEqual(5);
      await request(b.server).get('/health').expect(200);
    });
  },
);
