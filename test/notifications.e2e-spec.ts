import request from 'supertest';
import { addDays, todayInZone } from '../src/common/dates.js';
import { NotificationDelivery } from '../src/notifications/notification-delivery.entity.js';
import { NotificationEngine } from '../src/notifications/notification-engine.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { bearer, login, type Session } from './support/auth.js';
import { recipientOf, startSmtp, type TestSmtp } from './support/smtp.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb, engine } from './support/test-db.js';

const PUBLIC_URL = 'https://mutu.kupangkota.example';
const METRICS_TOKEN = 'notify-metrics-token-0123456789';
const today = todayInZone(new Date());
/** 07:30 WITA on a day: after the default digest time. */
const at = (day: string, time = '07:30'): Date => new Date(`${day}T${time}:00+08:00`);

describeDb('notifications: in-app, digests and immediate e-mails over real SMTP', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let notify: NotificationEngine;
  const sessions: Record<string, Session> = {};
  const users = [
    'admin',
    'officer.setda',
    'officer.rsud',
    'officer.bkd',
    'officer.dukcapil',
    'assessor',
    'management',
  ];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      MUTU_SMTP_URL: smtp.url,
      MUTU_PUBLIC_URL: PUBLIC_URL,
      MUTU_METRICS: 'true',
      MUTU_METRICS_TOKEN: METRICS_TOKEN,
    });
    notify = t.app.get(NotificationEngine);
    for (const u of users) sessions[u] = await login(t.server, u);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const list = (u: string, query = '') =>
    request(t.server).get(`/api/notifications${query}`).set(bearer(sessions[u]));

  it('before the digest time nothing is mailed; the scan fills every bell', async () => {
    const first = await notify.tick(at(today, '06:00'));
    expect(first.scan.created.length).toBeGreaterThan(0);
    expect(first.digests).toBe(0);
    // Demo: rejected evidence → an immediate e-mail to its uploader, the Maklumat waiting for
    // approval → one to head.dukcapil; nothing else yet.
    expect(smtp.messages.every((m) => /^\[Mutu\] (Bukti|Dokumen)/.test(m.subject ?? ''))).toBe(
      true,
    );
    expect(
      smtp.messages.filter((m) => m.subject?.startsWith('[Mutu] Dokumen')).map(recipientOf),
    ).toEqual(['head.dukcapil@kupang.example']);
    const perUser: Record<string, number> = {};
    for (const u of users) perUser[u] = (await list(u).expect(200)).body.unread;
    console.log(`Notifications of the demo data per user (${engine}): ${JSON.stringify(perUser)}`);
    expect(perUser['officer.dukcapil']).toBeGreaterThan(0);
    expect(perUser.assessor).toBeGreaterThan(0);
  });

  it('at the digest time each demo user with items gets exactly one digest, in Indonesian, with links', async () => {
    const before = smtp.messages.length;
    const result = await notify.tick(at(today));
    const mails = smtp.messages.slice(before);
    expect(result.delivery?.sent).toBe(mails.length);
    const digests = mails.filter((m) => m.subject?.includes('hal perlu perhatian'));
    expect(digests.length).toBe(result.digests);
    const to = digests.map(recipientOf).sort();
    expect(new Set(to).size).toBe(to.length);
    expect(to).toContain('officer.dukcapil@kupang.example');
    expect(to).toContain('assessor@kupang.example');
    const dukcapil = digests.find((m) => recipientOf(m) === 'officer.dukcapil@kupang.example')!;
    expect(dukcapil.subject).toMatch(/^\[Mutu\] \d+ hal perlu perhatian – \d{1,2} \w+ \d{4}$/);
    expect(dukcapil.text).toContain('Ringkasan harian Mutu');
    expect(dukcapil.text).toContain('Dinas Kependudukan');
    expect(dukcapil.text).toContain(`${PUBLIC_URL}/`);
    expect(String(dukcapil.html)).toContain(`href="${PUBLIC_URL}/`);
    expect(String(dukcapil.html)).not.toMatch(/<img|src="http/);
    // The bell shows the same items the digest lists.
    const { body } = await list('officer.dukcapil').expect(200);
    const digestItems = body.items.filter((i: { kind: string }) => i.kind !== 'evidence_rejected');
    expect(digestItems.length).toBeGreaterThan(0);
    for (const item of digestItems) expect(dukcapil.text).toContain(item.title);
  });

  it('a second round, a restart and a second engine on the same database send nothing twice', async () => {
    const before = smtp.messages.length;
    await notify.tick(at(today, '08:00'));
    const restarted = new NotificationEngine(t.db, t.config);
    const other = new NotificationEngine(t.db, t.config);
    try {
      await Promise.all([restarted.tick(at(today, '08:05')), other.tick(at(today, '08:05'))]);
    } finally {
      restarted.close();
      other.close();
    }
    expect(smtp.messages.length).toBe(before);
    const keys = await t.db.getRepository(NotificationDelivery).find({ select: { key: true } });
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
  });

  it('the list is the caller’s, newest first, paginated, ?unread=1, and marking read works', async () => {
    const all = (await list('officer.dukcapil', '?pageSize=2').expect(200)).body;
    expect(all.items).toHaveLength(Math.min(2, all.total));
    for (const item of all.items)
      expect(Object.keys(item).sort()).toEqual([
        'createdAt',
        'id',
        'kind',
        'readAt',
        'title',
        'url',
      ]);
    const first = all.items[0];
    const read = await request(t.server)
      .post(`/api/notifications/${first.id}/read`)
      .set(bearer(sessions['officer.dukcapil']))
      .expect(200);
    expect(read.body.readAt).not.toBeNull();
    const unread = (await list('officer.dukcapil', '?unread=1&pageSize=200').expect(200)).body;
    expect(unread.unread).toBe(all.unread - 1);
    expect(unread.items.map((i: { id: string }) => i.id)).not.toContain(first.id);
    // Another user's notification is not found, and stays unread for its owner.
    const theirs = (await list('assessor', '?unread=1').expect(200)).body.items[0];
    await request(t.server)
      .post(`/api/notifications/${theirs.id}/read`)
      .set(bearer(sessions['officer.dukcapil']))
      .expect(404);
    expect(
      (await t.db.getRepository(Notification).findOneByOrFail({ id: theirs.id })).readAt,
    ).toBeNull();
    const all2 = await request(t.server)
      .post('/api/notifications/read-all')
      .set(bearer(sessions['officer.dukcapil']))
      .expect(200);
    expect(all2.body).toEqual({ marked: unread.unread, unread: 0 });
    expect((await list('officer.dukcapil').expect(200)).body.unread).toBe(0);
  });

  it('a user who loses access to a unit stops seeing its items at once', async () => {
    const officer = sessions['officer.rsud'];
    const before = (await list('officer.rsud').expect(200)).body;
    expect(before.total).toBeGreaterThan(0);
    await t.db.query(
      t.config.database.engine === 'postgres'
        ? 'DELETE FROM user_unit WHERE user_id = $1'
        : 'DELETE FROM user_unit WHERE user_id = ?',
      [officer.user.id],
    );
    const after = (await list('officer.rsud').expect(200)).body;
    expect(after).toMatchObject({ total: 0, unread: 0, items: [] });
  });

  it('e-mail and preferences on PATCH /api/auth/me; an invalid address is a 400 naming the field', async () => {
    const s = sessions['officer.bkd'];
    const bad = await request(t.server)
      .patch('/api/auth/me')
      .set(bearer(s))
      .send({ email: 'not an address' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('email');
    await request(t.server)
      .patch('/api/auth/me')
      .set(bearer(s))
      .send({ notificationPreferences: { action_overdue: 'sometimes' } })
      .expect(400);
    const ok = await request(t.server)
      .patch('/api/auth/me')
      .set(bearer(s))
      .send({
        email: 'marthen@kupang.example',
        language: 'en',
        notificationPreferences: { action_overdue: 'off' },
      })
      .expect(200);
    expect(ok.body).toMatchObject({
      email: 'marthen@kupang.example',
      language: 'en',
      notificationPreferences: { action_overdue: 'off' },
    });
    await request(t.server).patch('/api/auth/me').set(bearer(s)).send({ email: null }).expect(200);
    expect(
      (await request(t.server).get('/api/auth/me').set(bearer(s)).expect(200)).body.email,
    ).toBeNull();
  });

  it('evidence rejected is mailed at once, its title escaped; a refused send is retried, never sent twice', async () => {
    const officer = sessions['officer.dukcapil'];
    const unit = officer.user.unitIds[0];
    const title = '<b>SOP "Akta" & <script>alert(1)</script></b>';
    const created = await request(t.server)
      .post(`/api/units/${unit}/evidence`)
      .set(bearer(officer))
      .field('title', title)
      .field('clauses', '7.1.4')
      .field('reference', 'Lemari arsip 2')
      .expect(201);
    // The assessor is assigned to the unit's assessment in the demo.
    await request(t.server)
      .post(`/api/evidence/${created.body.id}/review`)
      .set(bearer(sessions.assessor))
      .send({ decision: 'rejected', reason: 'Tidak ditandatangani' })
      .expect(200);
    const now = at(today, '10:00');
    smtp.refuseNext(1);
    const before = smtp.messages.length;
    const first = await notify.tick(now);
    expect(first.delivery).toMatchObject({ sent: 0, retried: 1 });
    const pending = await t.db
      .getRepository(NotificationDelivery)
      .findOneByOrFail({ mode: 'immediate', status: 'pending', attempts: 1 });
    expect(pending.lastError).toContain('Try again later');
    expect(pending.sentAt).toBeNull();
    // The administrator sees it while it waits for its retry.
    const page = await request(t.server)
      .get('/admin/notifications')
      .set(bearer(sessions.admin))
      .expect(200);
    expect(page.text).toContain('Try again later');
    // Not yet due: nothing happens. A minute later: sent once.
    await notify.deliver(new Date(now.getTime() + 30_000));
    expect(smtp.messages.length).toBe(before);
    await notify.deliver(new Date(now.getTime() + 61_000));
    await notify.deliver(new Date(now.getTime() + 10 * 60_000));
    const mails = smtp.messages.slice(before);
    expect(mails).toHaveLength(1);
    expect(recipientOf(mails[0])).toBe('officer.dukcapil@kupang.example');
    expect(mails[0].subject).toBe(`[Mutu] Bukti “${title}” ditolak: perbaiki dan unggah ulang`);
    const html = String(mails[0].html);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain(`${PUBLIC_URL}/evidence/${created.body.id}`);
    expect(mails[0].text).toContain(title);
    expect(
      (await t.db.getRepository(NotificationDelivery).findOneByOrFail({ id: pending.id })).status,
    ).toBe('sent');
  });

  it('the next day brings one new digest per user at most; an English reader gets English', async () => {
    const assessor = sessions.assessor;
    await request(t.server)
      .patch('/api/auth/me')
      .set(bearer(assessor))
      .send({ language: 'en' })
      .expect(200);
    const officer = sessions['officer.setda'];
    await request(t.server)
      .post(`/api/units/${officer.user.unitIds[0]}/evidence`)
      .set(bearer(officer))
      .field('title', 'Notulen tinjauan manajemen 2026')
      .field('clauses', '9.3.1')
      .field('reference', 'Arsip Bagian Organisasi')
      .expect(201);
    const before = smtp.messages.length;
    const tomorrow = addDays(today, 1);
    await notify.tick(at(tomorrow));
    await notify.tick(at(tomorrow, '09:00'));
    const mails = smtp.messages.slice(before);
    const to = mails.map(recipientOf);
    expect(new Set(to).size).toBe(to.length);
    const mail = mails.find((m) => recipientOf(m) === 'assessor@kupang.example');
    expect(mail?.subject).toMatch(/^\[Mutu\] 1 item needs attention/);
    expect(mail?.text).toContain('Mutu daily digest');
    expect(mail?.text).toContain(
      'Evidence “Notulen tinjauan manajemen 2026” is waiting for your review',
    );
  });

  it('with the SMTP server down the app keeps working and nothing is marked sent', async () => {
    await smtp.close();
    const officer = sessions['officer.dukcapil'];
    const created = await request(t.server)
      .post(`/api/units/${officer.user.unitIds[0]}/evidence`)
      .set(bearer(officer))
      .field('title', 'Daftar hadir')
      .field('clauses', '7.1.4')
      .field('reference', 'Map 3')
      .expect(201);
    await request(t.server)
      .post(`/api/evidence/${created.body.id}/review`)
      .set(bearer(sessions.assessor))
      .send({ decision: 'rejected', reason: 'Tidak lengkap' })
      .expect(200);
    const result = await notify.tick(at(addDays(today, 1), '11:00'));
    expect(result.delivery?.sent).toBe(0);
    expect(result.delivery?.retried).toBeGreaterThan(0);
    await list('officer.dukcapil').expect(200);
    const sent = await t.db.getRepository(NotificationDelivery).countBy({ status: 'sent' });
    const rows = await t.db.getRepository(NotificationDelivery).findBy({ status: 'pending' });
    expect(rows.every((r) => r.sentAt === null && r.lastError !== null)).toBe(true);
    expect(sent).toBeGreaterThan(0);
    // …and the retries are visible in /metrics.
    const metrics = await request(t.server)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    const retrying = /mutu_notification_emails\{status="pending_with_error"\} (\d+)/.exec(
      metrics.text,
    );
    expect(Number(retrying?.[1])).toBe(rows.length);
    expect(metrics.text).toMatch(/mutu_notification_emails\{status="sent"\} [1-9]/);
  });
});
