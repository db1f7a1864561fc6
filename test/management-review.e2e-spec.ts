import { createHash } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { Clock } from '../src/common/clock.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import {
  ManagementReview,
  ReviewDecision,
} from '../src/management-review/management-review.entity.js';
import { REVIEW_INPUT_CODES } from '../src/management-review/review-rules.js';
import { SatisfactionSurvey } from '../src/satisfaction/satisfaction-survey.entity.js';
import { asBrowser, bearer, login, type Session } from './support/auth.js';
import { binaryBody } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describeDb('management review (9.3)', () => {
  let t: TestApp;
  let officer: Session;
  let otherOfficer: Session;
  let management: Session;
  let dukcapil: string;
  let rsud: string;
  let review: string;
  const today = todayInZone(new Date());
  const heldOn = addDays(today, -3);

  const counts = async () => ({
    reviews: await t.db.getRepository(ManagementReview).count(),
    decisions: await t.db.getRepository(ReviewDecision).count(),
    events: await t.db.getRepository(AuditEvent).count(),
  });
  const patch = (body: Record<string, unknown>, s = officer) =>
    request(t.server).patch(`/api/management-reviews/${review}`).set(bearer(s)).send(body);
  const decide = (body: Record<string, unknown>, lang = 'id') =>
    request(t.server)
      .post(`/api/management-reviews/${review}/decisions?lang=${lang}`)
      .set(bearer(officer))
      .send(body);

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await login(t.server, 'admin');
    [officer, otherOfficer, management] = await Promise.all(
      ['officer.dukcapil', 'officer.rsud', 'management'].map((u) => login(t.server, u)),
    );
    const [org] = (await request(t.server).get('/api/organisations').set(bearer(admin))).body;
    const units = (
      await request(t.server).get(`/api/organisations/${org.id}/units`).set(bearer(admin))
    ).body as { id: string; code: string }[];
    dukcapil = units.find((u) => u.code === 'DUKCAPIL')!.id;
    rsud = units.find((u) => u.code === 'RSUD')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    t.app.get(Clock).now = Clock.prototype.now;
  });

  it('records a review with the whole 9.3.2 checklist, none discussed yet, audited', async () => {
    const before = await counts();
    const res = await request(t.server)
      .post(`/api/units/${dukcapil}/management-reviews?lang=en`)
      .set(bearer(officer))
      .send({
        heldOn,
        chair: 'Kepala Dinas Dukcapil',
        attendees: ['Sekretaris', 'Kabid Pelayanan Pendaftaran Penduduk'],
      })
      .expect(201);
    review = res.body.id;
    expect(res.body).toMatchObject({ state: 'draft', heldOn, missingInputs: REVIEW_INPUT_CODES });
    expect(res.body.inputs).toHaveLength(12);
    expect(res.body.inputs[0]).toEqual({
      code: 'previous_actions',
      clause: '9.3.2 a',
      text: 'Status of actions from previous management reviews',
      discussed: false,
      note: null,
      links: [],
    });
    expect(await counts()).toEqual({
      ...before,
      reviews: before.reviews + 1,
      events: before.events + 1,
    });
  });

  it('refuses a review held in the future, naming the field', async () => {
    const res = await request(t.server)
      .post(`/api/units/${dukcapil}/management-reviews`)
      .set(bearer(officer))
      .send({ heldOn: addDays(today, 2), chair: 'Kepala Dinas' })
      .expect(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'heldOn', rule: 'notInFuture' }),
    ]);
  });

  it('refuses to close with inputs not discussed, listing them in the caller language', async () => {
    await patch({
      inputs: REVIEW_INPUT_CODES.filter((c) => c !== 'resources' && c !== 'improvement').map(
        (code) => ({ code, discussed: true }),
      ),
    }).expect(200);
    const before = await counts();
    const en = await request(t.server)
      .post(`/api/management-reviews/${review}/close?lang=en`)
      .set(bearer(officer))
      .expect(422);
    expect(en.body.code).toBe('review_inputs_not_discussed');
    expect(en.body.message).toBe(
      'The management review cannot be closed: 2 inputs of 9.3.2 were not discussed: Adequacy of resources; Opportunities for improvement.',
    );
    expect(en.body.details.map((d: { field: string }) => d.field)).toEqual([
      'inputs.resources',
      'inputs.improvement',
    ]);
    const id = await request(t.server)
      .post(`/api/management-reviews/${review}/close`)
      .set(bearer(officer))
      .expect(422);
    expect(id.body.message).toContain('Kecukupan sumber daya; Peluang untuk peningkatan');
    expect(await counts()).toEqual(before);
  });

  it('links inputs only to records of the same unit', async () => {
    const own = await t.db.getRepository(SatisfactionSurvey).findOneByOrFail({ unitId: dukcapil });
    const other = await t.db.getRepository(SatisfactionSurvey).findOneByOrFail({ unitId: rsud });
    const before = await counts();
    const refused = await patch({
      inputs: [
        { code: 'customer_satisfaction', links: [{ kind: 'satisfaction_survey', id: other.id }] },
      ],
    }).expect(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({
        field: 'inputs.customer_satisfaction.links',
        rule: 'linkNotInUnit',
        values: [other.id],
      }),
    ]);
    expect(await counts()).toEqual(before);
    const res = await patch({
      inputs: [
        {
          code: 'customer_satisfaction',
          note: 'IKM semester lalu dibahas',
          links: [{ kind: 'satisfaction_survey', id: own.id }],
        },
      ],
    }).expect(200);
    expect(
      res.body.inputs.find((i: { code: string }) => i.code === 'customer_satisfaction'),
    ).toMatchObject({
      discussed: true,
      note: 'IKM semester lalu dibahas',
      links: [{ kind: 'satisfaction_survey', id: own.id }],
    });
    for (const bad of [
      { inputs: [{ code: 'nope', discussed: true }] },
      { inputs: [{ code: 'resources', discussed: 'yes' }] },
      { inputs: [{ code: 'resources', note: 'x'.repeat(5000) }] },
      { attendees: Array.from({ length: 61 }, (_, i) => `P${i}`) },
      { chair: null },
      { inputs: [{ code: 'resources', links: [{ kind: 'evidence', id: 'abc' }] }] },
    ])
      expect((await patch(bad)).status).toBe(400);
  });

  it('refuses a decision action without an owner or due before the review, naming the field', async () => {
    const before = await counts();
    const owner = await decide(
      { decision: 'Tambah loket', action: 'Buka loket 5', dueOn: addDays(today, 30) },
      'en',
    ).expect(400);
    expect(owner.body.details).toEqual([
      expect.objectContaining({ field: 'owner', rule: 'requiredWithAction' }),
    ]);
    expect(owner.body.message).toContain('owner');
    const due = await decide({
      decision: 'Tambah loket',
      action: 'Buka loket 5',
      owner: 'Kabid',
      dueOn: addDays(heldOn, -1),
    }).expect(400);
    expect(due.body.details).toEqual([
      expect.objectContaining({ field: 'dueOn', rule: 'notBeforeReview' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('records decisions with actions tracked like corrective actions, overdue flagged', async () => {
    await decide({
      decision: 'SOP antrean direvisi',
      action: 'Revisi SOP antrean',
      owner: 'Kabid Pelayanan',
      dueOn: addDays(today, 10),
    }).expect(201);
    const res = await decide({ decision: 'Sasaran mutu tetap' }).expect(201);
    expect(res.body.decisions).toEqual([
      expect.objectContaining({
        action: 'Revisi SOP antrean',
        actionStatus: 'open',
        overdue: false,
      }),
      expect.objectContaining({ decision: 'Sasaran mutu tetap', action: null, actionStatus: null }),
    ]);
    const later = new Date(Date.now() + 12 * 24 * 3600 * 1000);
    t.app.get(Clock).now = () => later;
    const open = await request(t.server)
      .get(`/api/units/${dukcapil}/review-actions`)
      .set(bearer(management))
      .expect(200);
    // The demo's own open actions of Dukcapil are listed too; this review's is among them, overdue.
    expect(open.body.filter((a: { reviewId: string }) => a.reviewId === review)).toEqual([
      expect.objectContaining({ action: 'Revisi SOP antrean', overdue: true }),
    ]);
    expect(open.body.every((a: { actionStatus: string }) => a.actionStatus === 'open')).toBe(true);
    await request(t.server)
      .get(`/api/units/${rsud}/review-actions`)
      .set(bearer(officer))
      .expect(404);
  });

  it('closes once every input is discussed; a closed review no longer changes', async () => {
    await patch({
      inputs: [
        { code: 'resources', discussed: true },
        { code: 'improvement', discussed: true },
      ],
    }).expect(200);
    const before = await counts();
    const closed = await request(t.server)
      .post(`/api/management-reviews/${review}/close`)
      .set(bearer(officer))
      .expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', missingInputs: [] });
    expect((await counts()).events).toBe(before.events + 1);
    expect((await patch({ chair: 'Another' })).status).toBe(409);
    expect((await decide({ decision: 'Late' })).status).toBe(409);
    const [action] = closed.body.decisions;
    const done = await request(t.server)
      .post(`/api/review-decisions/${action.id}/complete`)
      .set(bearer(officer))
      .send({ note: 'SOP rev. 2 disahkan' })
      .expect(200);
    expect(done.body).toMatchObject({ actionStatus: 'done', overdue: false });
    await request(t.server)
      .post(`/api/review-decisions/${action.id}/complete`)
      .set(bearer(officer))
      .send({})
      .expect(409);
  });

  it('issues the minutes only when closed: numbered, SHA-256, frozen bytes, signed off by the chair', async () => {
    const draft = await request(t.server)
      .post(`/api/units/${dukcapil}/management-reviews`)
      .set(bearer(officer))
      .send({ heldOn, chair: 'Kepala Dinas' })
      .expect(201);
    const refused = await request(t.server)
      .post(`/api/management-reviews/${draft.body.id}/minutes?lang=en`)
      .set(bearer(officer))
      .expect(409);
    expect(refused.body.code).toBe('review_not_closed');
    const issued = await request(t.server)
      .post(`/api/management-reviews/${review}/minutes?lang=en`)
      .set(bearer(officer))
      .expect(201);
    expect(issued.body).toMatchObject({
      kind: 'review_minutes',
      managementReviewId: review,
      assessmentId: null,
      number: expect.stringMatching(/^MUTU\/[A-Z]+\/\d{4}\/\d{4}$/),
    });
    const file = await request(t.server)
      .get(issued.body.fileUrl)
      .set(bearer(management))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const bytes = file.body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(issued.body.sha256);
    const text = await pdfText(bytes);
    expect(text).toContain('MANAGEMENT REVIEW MINUTES');
    expect(text).toContain(issued.body.number);
    expect(text).toContain('Kepala Dinas Dukcapil');
    expect(text).toContain('Signed off by the chair');
    expect(text).toContain('Adequacy of resources');
    expect(text).toContain('Revisi SOP antrean');
    expect(text).toMatch(/Page 1 of \d+/);
    const again = await request(t.server)
      .get(issued.body.fileUrl)
      .set(bearer(officer))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(Buffer.compare(again.body as Buffer, bytes)).toBe(0);
    const list = await request(t.server)
      .get(`/api/management-reviews/${review}/minutes`)
      .set(bearer(management))
      .expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([issued.body.id]);
    await request(t.server)
      .get(`/api/management-reviews/${review}/minutes`)
      .set(bearer(otherOfficer))
      .expect(404);
  });

  it('keeps reviews out of scope: another unit reads 404, management reads, nobody else writes', async () => {
    await request(t.server)
      .get(`/api/management-reviews/${review}`)
      .set(bearer(otherOfficer))
      .expect(404);
    await request(t.server)
      .get(`/api/management-reviews/${review}`)
      .set(bearer(management))
      .expect(200);
    await request(t.server)
      .post(`/api/units/${dukcapil}/management-reviews`)
      .set(bearer(otherOfficer))
      .send({ heldOn, chair: 'X' })
      .expect(404);
    await request(t.server)
      .post(`/api/units/${dukcapil}/management-reviews`)
      .set(bearer(management))
      .send({ heldOn, chair: 'X' })
      .expect(403);
    const list = await request(t.server)
      .get(`/api/units/${dukcapil}/management-reviews`)
      .set(bearer(officer))
      .expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toContain(review);
  });

  describe('marking actions done from the pages', () => {
    const page = (path: string, s: Session = officer) => asBrowser(t.server, officer).page(path, s);
    const post = (path: string, form: Record<string, string>, s: Session = officer) =>
      asBrowser(t.server, officer).post(path, form, s);
    const openActions = async () =>
      (
        await request(t.server)
          .get(`/api/units/${dukcapil}/review-actions`)
          .set(bearer(officer))
          .expect(200)
      ).body as { id: string; reviewId: string; action: string }[];
    const completions = (id: string) =>
      t.db.getRepository(AuditEvent).countBy({ entityId: id, action: 'review_decision.complete' });

    it("another unit's officer gets 404, management 403, and nothing changes", async () => {
      const [action] = await openActions();
      expect(action).toBeDefined();
      await post(`/review-decisions/${action.id}/complete`, {}, otherOfficer).expect(404);
      await post(`/review-decisions/${action.id}/complete`, {}, management).expect(403);
      await post(`/review-decisions/${action.id}/complete`, { back: 'elsewhere' }).expect(400);
      expect((await openActions()).map((a) => a.id)).toContain(action.id);
      expect(await completions(action.id)).toBe(0);
    });

    it('two "done" at once: one change, one refusal on the review page, no 500', async () => {
      const [action] = await openActions();
      const shown = await page(`/management-reviews/${action.reviewId}`).expect(200);
      expect(shown.text).toContain(`action="/review-decisions/${action.id}/complete"`);
      const answers = await Promise.all(
        [1, 2].map(() =>
          post(`/review-decisions/${action.id}/complete?lang=en`, {
            back: 'review',
            note: 'Selesai dikerjakan',
          }),
        ),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
      const done = answers.find((r) => r.status === 303)!;
      expect(done.headers.location).toBe(
        `/management-reviews/${action.reviewId}?flash=action_done#decisions`,
      );
      const refused = answers.find((r) => r.status === 409)!;
      expect(refused.text).toContain('data-testid="action-error"');
      expect(refused.text).not.toContain(`action="/review-decisions/${action.id}/complete"`);
      expect(await completions(action.id)).toBe(1);
      const stored = await t.db.getRepository(ReviewDecision).findOneByOrFail({ id: action.id });
      expect(stored).toMatchObject({ actionStatus: 'done', completionNote: 'Selesai dikerjakan' });
    });

    it('from the unit page: back to the unit, where the action is no longer open', async () => {
      const fresh = await request(t.server)
        .post(`/api/units/${dukcapil}/management-reviews`)
        .set(bearer(officer))
        .send({ heldOn, chair: 'Kepala Dinas' })
        .expect(201);
      const decided = await request(t.server)
        .post(`/api/management-reviews/${fresh.body.id}/decisions`)
        .set(bearer(officer))
        .send({
          decision: 'Loket tambahan',
          action: 'Buka loket kelurahan',
          owner: 'Sekretaris',
          dueOn: addDays(today, 5),
        })
        .expect(201);
      const [action] = decided.body.decisions as { id: string }[];
      const before = await page(`/units/${dukcapil}`).expect(200);
      expect(before.text).toContain(`data-action="${action.id}"`);
      const res = await post(`/review-decisions/${action.id}/complete`, {
        back: 'unit',
        note: '',
      }).expect(303);
      expect(res.headers.location).toBe(`/units/${dukcapil}?flash=action_done#review-actions`);
      const after = await page(`/units/${dukcapil}`).expect(200);
      expect(after.text).not.toContain(`data-action="${action.id}"`);
      expect((await openActions()).map((a) => a.id)).not.toContain(action.id);
      expect(
        (await t.db.getRepository(ReviewDecision).findOneByOrFail({ id: action.id }))
          .completionNote,
      ).toBeNull();
    });
  });
});
