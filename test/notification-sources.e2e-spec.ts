import request from 'supertest';
import { Assessment } from '../src/assessments/assessment.entity.js';
import {
  AuditProgramme,
  AuditProgrammeEntry,
} from '../src/audit-programme/audit-programme.entity.js';
import { User } from '../src/auth/user.entity.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { addMonths } from '../src/documents/document-rules.js';
import { Document } from '../src/documents/document.entity.js';
import { DocumentRevision } from '../src/documents/document-revision.entity.js';
import {
  ManagementReview,
  ReviewDecision,
} from '../src/management-review/management-review.entity.js';
import { NotificationEngine } from '../src/notifications/notification-engine.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { Unit } from '../src/organisations/unit.entity.js';
import { bearer, login } from './support/auth.js';
import { recipientOf, startSmtp, type TestSmtp } from './support/smtp.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const today = todayInZone(new Date());
const at = (day: string, time = '07:30'): Date => new Date(`${day}T${time}:00+08:00`);

/**
 * The sources of documents, the audit programme and management reviews (docs/NOTIFICATIONS.md):
 * each kind reaches exactly the users it names, once, and nobody of another unit.
 */
describeDb('notifications from documents, audits and management reviews', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let notify: NotificationEngine;
  const user: Record<string, string> = {};
  const unit: Record<string, string> = {};
  const record: Record<string, string> = {};

  /** Who got notifications of a kind about a record: usernames, sorted, one per notification. */
  async function told(kind: string, recordId: string): Promise<string[]> {
    const rows = await t.db.getRepository(Notification).findBy({ kind, recordId });
    const names = Object.fromEntries(Object.entries(user).map(([k, v]) => [v, k]));
    return rows.map((n) => names[n.recipientId] ?? n.recipientId).sort();
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({ MUTU_SMTP_URL: smtp.url, MUTU_PUBLIC_URL: 'https://mutu.example' });
    notify = t.app.get(NotificationEngine);
    for (const u of await t.db.getRepository(User).find()) user[u.username] = u.id;
    for (const u of await t.db.getRepository(Unit).find()) unit[u.code] = u.id;
    const docs = t.db.getRepository(Document);
    const revisions = t.db.getRepository(DocumentRevision);

    // The demo's Maklumat of DUKCAPIL waits for approval (written by officer.dukcapil).
    const pledge = await docs.findOneByOrFail({ number: 'MP/DUKCAPIL/001' });
    record.pending = (
      await revisions.findOneByOrFail({ documentId: pledge.id, state: 'in_review' })
    ).id;
    record.pledge = pledge.id;

    // A new revision of RSUD's SOP written by its own head: nobody approves their own revision.
    const rsudSop = await docs.findOneByOrFail({ number: 'SOP/RSUD/001' });
    const effective = await revisions.findOneByOrFail({
      documentId: rsudSop.id,
      state: 'effective',
    });
    const { id: _effectiveId, ...copy } = effective;
    const own = await revisions.save({
      ...copy,
      number: effective.number + 1,
      state: 'in_review' as const,
      authorId: user['head.rsud'],
      submittedAt: new Date(),
      approvedById: null,
      approvedAt: null,
      approvalStatement: null,
      effectiveFrom: null,
      endedAt: null,
    });
    record.ownRevision = own.id;

    // The SOP of DUKCAPIL: its periodic review falls in 10 days; RSUD's passed 3 days ago.
    const sop = await docs.findOneByOrFail({ number: 'SOP/DUKCAPIL/001' });
    await docs.update(sop.id, {
      reviewMonths: 12,
      lastReviewedOn: addMonths(addDays(today, 10), -12),
    });
    await revisions.update(
      { documentId: sop.id, state: 'effective' },
      { effectiveFrom: '2020-01-01' },
    );
    record.sop = sop.id;
    const rsud = await docs.findOneByOrFail({ number: 'SOP/RSUD/001' });
    await docs.update(rsud.id, {
      reviewMonths: 24,
      lastReviewedOn: addMonths(addDays(today, -3), -24),
    });
    await revisions.update(
      { documentId: rsud.id, state: 'effective' },
      { effectiveFrom: '2020-01-01' },
    );
    record.rsudSop = rsud.id;

    // An internal audit of DUKCAPIL starting in 5 days, led by the demo assessor, with BKD's officer
    // (an auditor from another unit, who does not see DUKCAPIL) on its team; one in 20 days.
    const dukcapil = await t.db.getRepository(Unit).findOneByOrFail({ code: 'DUKCAPIL' });
    const programme = await t.db.getRepository(AuditProgramme).save({
      organisationId: dukcapil.organisationId,
      year: 2099,
      title: 'Program audit internal (test)',
      createdById: null,
    });
    const entry = (start: string) => ({
      programmeId: programme.id,
      unitId: unit.DUKCAPIL,
      scopeClauses: ['7.5'],
      scopeProcesses: null,
      plannedStartOn: start,
      plannedEndOn: addDays(start, 1),
      leadAuditorId: user.assessor,
      teamIds: [],
      criteria: 'ISO 9001:2015',
      method: 'on_site' as const,
      status: 'planned' as const,
      postponedReason: null,
      independenceExceptions: [],
      assessmentId: null,
      createdById: null,
    });
    const entries = t.db.getRepository(AuditProgrammeEntry);
    record.audit = (
      await entries.save({ ...entry(addDays(today, 5)), teamIds: [user['officer.bkd']] })
    ).id;
    record.programme = programme.id;
    record.laterAudit = (await entries.save(entry(addDays(today, 20)))).id;

    // A closed management review of DUKCAPIL 360 days ago (the next is due within 30 days), with an
    // action owned by officer.dukcapil due in 3 days and one overdue, owned by the unit's head.
    // (The demo's own reviews and audits are moved further back, so these are the last ones.)
    await t.db
      .getRepository(ManagementReview)
      .update({ unitId: unit.DUKCAPIL }, { heldOn: addDays(today, -400) });
    const review = await t.db.getRepository(ManagementReview).save({
      unitId: unit.DUKCAPIL,
      title: 'Tinjauan manajemen (test)',
      heldOn: addDays(today, -360),
      chair: 'Kepala Dinas',
      attendees: ['Kepala Dinas'],
      inputs: [],
      state: 'closed' as const,
      closedAt: new Date(),
      closedById: null,
      createdById: null,
    });
    const decision = (position: number, owner: string, dueOn: string) => ({
      reviewId: review.id,
      unitId: unit.DUKCAPIL,
      position,
      decision: `Keputusan ${position}`,
      action: `Tindakan <b>${position}</b>`,
      owner,
      dueOn,
      actionStatus: 'open' as const,
      completedAt: null,
      completionNote: null,
      createdById: null,
    });
    const decisions = t.db.getRepository(ReviewDecision);
    record.soon = (await decisions.save(decision(1, 'officer.dukcapil', addDays(today, 3)))).id;
    record.late = (await decisions.save(decision(2, 'head.dukcapil', addDays(today, -2)))).id;
    record.far = (await decisions.save(decision(3, 'head.dukcapil', addDays(today, 30)))).id;

    // BKD's last reported internal audit ended 350 days ago: the next is due in 15 days.
    await t.db
      .getRepository(Assessment)
      .update(
        { unitId: unit.BKD, type: 'internal_audit' },
        { startsOn: addDays(today, -500), endsOn: addDays(today, -500) },
      );
    const gap = await t.db
      .getRepository(Assessment)
      .findOneByOrFail({ unitId: unit.BKD, type: 'gap_assessment' });
    await t.db.getRepository(Assessment).save({
      unitId: unit.BKD,
      standardId: gap.standardId,
      type: 'internal_audit',
      title: 'Audit internal (test)',
      scope: null,
      startsOn: addDays(today, -351),
      endsOn: addDays(today, -350),
      state: 'reported',
      previousAssessmentId: null,
      createdById: null,
    });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('a revision waiting for approval is mailed at once to the unit head who did not write it', async () => {
    await notify.tick(at(today, '06:00'));
    expect(await told('document_revision_awaiting_approval', record.pending)).toEqual([
      'head.dukcapil',
    ]);
    expect(await told('document_revision_awaiting_approval', record.ownRevision)).toEqual([]);
    const mails = smtp.messages.filter((m) => m.subject?.includes('MP/DUKCAPIL/001'));
    expect(mails.map(recipientOf)).toEqual(['head.dukcapil@kupang.example']);
    expect(mails[0].subject).toContain('menunggu persetujuan Anda');
    expect(mails[0].text).toContain(`https://mutu.example/documents/${record.pledge}`);
  });

  it('each kind reaches the unit’s officers and heads (and the named owner or lead), once', async () => {
    expect(await told('document_review_due', record.sop)).toEqual([
      'head.dukcapil',
      'officer.dukcapil',
    ]);
    expect(await told('document_review_overdue', record.rsudSop)).toEqual([
      'head.rsud',
      'officer.rsud',
    ]);
    // The lead and the team are told, whether or not they see the unit (BKD's officer does not).
    expect(await told('audit_planned', record.audit)).toEqual([
      'assessor',
      'head.dukcapil',
      'officer.bkd',
      'officer.dukcapil',
    ]);
    expect(await told('audit_planned', record.laterAudit)).toEqual([]);
    expect(await told('review_action_due_soon', record.soon)).toEqual(['officer.dukcapil']);
    expect(await told('review_action_overdue', record.late)).toEqual([
      'head.dukcapil',
      'officer.dukcapil',
    ]);
    expect(await told('review_action_due_soon', record.far)).toEqual([]);
    expect(await told('management_review_due', unit.DUKCAPIL)).toEqual([
      'head.dukcapil',
      'officer.dukcapil',
    ]);
    expect(await told('internal_audit_due', unit.BKD)).toEqual(['head.bkd', 'officer.bkd']);
  });

  it('keys are deterministic: more rounds and a second engine add nothing and mail nothing twice', async () => {
    const count = await t.db.getRepository(Notification).count();
    const mails = smtp.messages.length;
    await notify.tick(at(today, '06:30'));
    const other = new NotificationEngine(t.db, t.config);
    try {
      await other.tick(at(today, '06:45'));
    } finally {
      other.close();
    }
    expect(await t.db.getRepository(Notification).count()).toBe(count);
    expect(smtp.messages.length).toBe(mails);
  });

  it('another unit’s head is told nothing about DUKCAPIL, and the bell shows the user text escaped', async () => {
    const others = await t.db
      .getRepository(Notification)
      .findBy({ recipientId: user['head.setda'], unitId: unit.DUKCAPIL });
    expect(others).toHaveLength(0);
    const setda = await login(t.server, 'head.setda');
    const { body } = await request(t.server)
      .get('/api/notifications')
      .set(bearer(setda))
      .expect(200);
    const urls = body.items.map((i: { url: string }) => i.url);
    expect(urls).not.toContain(`/documents/${record.pledge}`);
    expect(urls).not.toContain(`/units/${unit.DUKCAPIL}`);

    const head = await login(t.server, 'head.dukcapil');
    const mine = (
      await request(t.server).get('/api/notifications?pageSize=100').set(bearer(head)).expect(200)
    ).body.items as { kind: string; title: string }[];
    const overdue = mine.find((i) => i.kind === 'review_action_overdue')!;
    expect(overdue.title).toContain('Tindakan <b>2</b>');
    expect(mine.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['document_review_due', 'audit_planned', 'management_review_due']),
    );
  });

  it('an auditor from another unit sees the planned audit and its entry, not the unit; others see neither', async () => {
    const bkd = await login(t.server, 'officer.bkd');
    const entryUrl = `/audit-programmes/${record.programme}#entry-${record.audit}`;
    const items = (
      await request(t.server).get('/api/notifications?pageSize=100').set(bearer(bkd)).expect(200)
    ).body.items as { kind: string; title: string; url: string }[];
    const planned = items.filter((i) => i.url === entryUrl);
    expect(planned.map((i) => i.kind)).toEqual(['audit_planned']);
    expect(planned[0].title).toContain('Audit internal Dinas Kependudukan');
    // The link opens: the programme page lists the entry (its anchor); the unit stays closed.
    const page = await request(t.server)
      .get(`/audit-programmes/${record.programme}`)
      .set('Cookie', bkd.cookie)
      .expect(200);
    expect(page.text).toContain(`id="entry-${record.audit}"`);
    expect(page.text).not.toContain(`id="entry-${record.laterAudit}"`);
    await request(t.server)
      .get(`/api/audit-programme-entries/${record.audit}`)
      .set(bearer(bkd))
      .expect(200);
    await request(t.server).get(`/api/units/${unit.DUKCAPIL}`).set(bearer(bkd)).expect(404);
    await request(t.server)
      .get(`/api/audit-programme-entries/${record.laterAudit}`)
      .set(bearer(bkd))
      .expect(404);

    // Not assigned, not of the unit: no item, no entry.
    const setda = await login(t.server, 'officer.setda');
    const theirs = (
      await request(t.server).get('/api/notifications?pageSize=100').set(bearer(setda)).expect(200)
    ).body.items as { kind: string }[];
    expect(theirs.filter((i) => i.kind === 'audit_planned')).toEqual([]);
    expect(await told('audit_planned', record.audit)).not.toContain('officer.setda');
    await request(t.server)
      .get(`/api/audit-programme-entries/${record.audit}`)
      .set(bearer(setda))
      .expect(404);
    await request(t.server)
      .get(`/audit-programmes/${record.programme}`)
      .set('Cookie', setda.cookie)
      .expect((res) => expect(res.text).not.toContain(`id="entry-${record.audit}"`));
  });

  it('the digest lists them in Indonesian, with the user text escaped in the HTML', async () => {
    const before = smtp.messages.length;
    await notify.tick(at(today));
    const digest = smtp.messages
      .slice(before)
      .find((m) => recipientOf(m) === 'head.dukcapil@kupang.example')!;
    expect(digest.text).toContain('Tinjauan manajemen tahunan jatuh tempo');
    expect(digest.text).toContain('Audit internal Dinas Kependudukan');
    expect(String(digest.html)).toContain('Tindakan &lt;b&gt;2&lt;/b&gt;');
    expect(String(digest.html)).not.toContain('<b>2</b>');
    // The auditor from BKD gets the planned audit in their digest, linked to the programme entry.
    const auditor = smtp.messages
      .slice(before)
      .find((m) => recipientOf(m) === 'officer.bkd@kupang.example')!;
    expect(auditor.text).toContain('direncanakan mulai');
    expect(auditor.text).toContain(
      `https://mutu.example/audit-programmes/${record.programme}#entry-${record.audit}`,
    );
    const setda = smtp.messages
      .slice(before)
      .filter((m) => recipientOf(m) === 'officer.setda@kupang.example');
    expect(setda.map((m) => m.text ?? '').join('')).not.toContain('Dinas Kependudukan');
  });

  it('an auditor taken off the team stops seeing the planned audit at once', async () => {
    await t.db.getRepository(AuditProgrammeEntry).update(record.audit, { teamIds: [] });
    try {
      const bkd = await login(t.server, 'officer.bkd');
      const items = (
        await request(t.server).get('/api/notifications?pageSize=100').set(bearer(bkd)).expect(200)
      ).body.items as { url: string }[];
      expect(items.filter((i) => i.url.includes(record.audit))).toEqual([]);
      await request(t.server)
        .get(`/api/audit-programme-entries/${record.audit}`)
        .set(bearer(bkd))
        .expect(404);
    } finally {
      await t.db
        .getRepository(AuditProgrammeEntry)
        .update(record.audit, { teamIds: [user['officer.bkd']] });
    }
  });

  it('a periodic review done moves the review day: no new reminder until the next one is near', async () => {
    await t.db.getRepository(Document).update(record.sop, { lastReviewedOn: today });
    await notify.tick(at(today, '06:50'));
    expect(await told('document_review_due', record.sop)).toEqual([
      'head.dukcapil',
      'officer.dukcapil',
    ]);
    const nextYear = addDays(addMonths(today, 12), -5);
    await notify.tick(at(nextYear, '06:00'));
    const rows = await t.db
      .getRepository(Notification)
      .findBy({ kind: 'document_review_due', recordId: record.sop });
    expect(rows.map((n) => n.dueOn).sort()).toEqual(
      [addDays(today, 10), addDays(today, 10), addMonths(today, 12), addMonths(today, 12)].sort(),
    );
  });
});
