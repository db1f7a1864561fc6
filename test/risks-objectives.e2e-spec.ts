import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { Clock } from '../src/common/clock.js';
import { ObjectiveMeasurement } from '../src/objectives/measurement.entity.js';
import { QualityObjective } from '../src/objectives/objective.entity.js';
import { Risk } from '../src/risks/risk.entity.js';
import { asBrowser, bearer, login, type Session } from './support/auth.js';
import { binaryBody, readPdf } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/** 2 December 2026, 10.00 WITA: October is the last monthly period due (30 days after its end). */
const NOW = new Date('2026-12-02T02:00:00Z');

describeDb('risks and opportunities (6.1), quality objectives and measurements (6.2, 9.1)', () => {
  let t: TestApp;
  let officer: Session;
  let otherOfficer: Session;
  let admin: Session;
  let management: Session;
  let orgId: string;
  let dukcapil: string;
  let rsud: string;

  const call = (
    method: 'get' | 'post' | 'patch' | 'put',
    path: string,
    s: Session,
    body?: object,
  ) => {
    const r = request(t.server)[method](path).set(bearer(s));
    return body ? r.send(body) : r;
  };
  const counts = async () => ({
    risks: await t.db.getRepository(Risk).count(),
    objectives: await t.db.getRepository(QualityObjective).count(),
    measurements: await t.db.getRepository(ObjectiveMeasurement).count(),
    events: await t.db.getRepository(AuditEvent).count(),
  });
  const fields = (body: { details?: { field: string; rule: string }[] }) =>
    (body.details ?? []).map((d) => `${d.field}:${d.rule}`);

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(Clock).now = () => NOW;
    [officer, otherOfficer, admin, management] = await Promise.all(
      ['officer.dukcapil', 'officer.rsud', 'admin', 'management'].map((u) => login(t.server, u)),
    );
    const [org] = (await call('get', '/api/organisations', admin)).body;
    orgId = org.id;
    const units = (await call('get', `/api/organisations/${org.id}/units`, admin)).body as {
      id: string;
      code: string;
    }[];
    dukcapil = units.find((u) => u.code === 'DUKCAPIL')!.id;
    rsud = units.find((u) => u.code === 'RSUD')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the risk register', () => {
    let riskId: string;

    it('adds a risk rated on the default matrix, audited, and lists it', async () => {
      const before = await counts();
      const res = await call('post', `/api/units/${dukcapil}/risks`, officer, {
        kind: 'risk',
        title: 'Blangko KTP-el habis',
        process: 'Pelayanan KTP-el',
        clauseNumber: '8.4',
        likelihood: 4,
        impact: 4,
      }).expect(201);
      riskId = res.body.id;
      expect(res.body).toMatchObject({
        kind: 'risk',
        level: 'high',
        treatment: null,
        reviewedOn: '2026-12-02',
        reviewValidUntil: '2027-12-02',
      });
      expect(res.body.code).toMatch(/^R-\d{3}$/);
      expect(await counts()).toEqual({
        ...before,
        risks: before.risks + 1,
        events: before.events + 1,
      });
      const event = await t.db.getRepository(AuditEvent).findOneByOrFail({ entityId: riskId });
      expect(event).toMatchObject({ action: 'risk.create', unitId: dukcapil });
      const list = (await call('get', `/api/units/${dukcapil}/risks`, management).expect(200)).body;
      expect(list.map((r: { id: string }) => r.id)).toContain(riskId);
    });

    it('refuses a likelihood or impact outside the scale, naming the field, in both languages', async () => {
      const before = await counts();
      const res = await call('post', `/api/units/${dukcapil}/risks?lang=en`, officer, {
        kind: 'risk',
        title: 'x',
        likelihood: 6,
        impact: 0,
      }).expect(400);
      expect(res.body.message).toBe('The data sent is not valid: impact.');
      // The DTO bounds at the largest possible scale (10), the service at the organisation's (5).
      const six = await call('post', `/api/units/${dukcapil}/risks?lang=en`, officer, {
        kind: 'risk',
        title: 'x',
        likelihood: 6,
        impact: 2,
      }).expect(400);
      expect(six.body.details).toEqual([
        {
          field: 'likelihood',
          rule: 'outsideScale',
          values: ['1–5'],
          message: 'is outside the scale 1–5',
        },
      ]);
      const id = await call('post', `/api/units/${dukcapil}/risks`, officer, {
        kind: 'risk',
        title: 'x',
        likelihood: 2,
        impact: 7,
      }).expect(400);
      expect(id.body.details[0]).toMatchObject({ field: 'impact', message: 'di luar skala 1–5' });
      expect(await counts()).toEqual(before);
    });

    it('refuses what does not fit: a treatment of the other kind, a residual above the inherent, a review tomorrow, null title', async () => {
      const before = await counts();
      for (const [body, expected] of [
        [{ treatment: 'exploit' }, ['treatment:isIn']],
        [
          { treatment: 'reduce', residualLikelihood: 5, residualImpact: 5 },
          ['residualLikelihood:residualAboveInherent'],
        ],
        [{ residualLikelihood: 1, residualImpact: 1 }, ['treatment:residualNeedsTreatment']],
        [{ reviewedOn: '2026-12-03' }, ['reviewedOn:notInFuture']],
        [{ title: null }, ['title:isNotNull']],
        [{ likelihood: 'x'.repeat(10_000) }, ['likelihood:isInt']],
      ] as const) {
        const res = await call('patch', `/api/risks/${riskId}`, officer, body).expect(400);
        expect(fields(res.body)).toEqual(expected);
      }
      expect(await counts()).toEqual(before);
    });

    it('treats the risk with a residual rating, and withdraws an entry', async () => {
      const res = await call('patch', `/api/risks/${riskId}`, officer, {
        treatment: 'reduce',
        treatmentPlan: 'Stok penyangga blangko satu bulan',
        owner: 'Kepala Bidang PIAK',
        dueOn: '2027-01-31',
        residualLikelihood: 2,
        residualImpact: 3,
      }).expect(200);
      expect(res.body).toMatchObject({
        treatment: 'reduce',
        residualLevel: 'medium',
        level: 'high',
      });
      const event = await t.db
        .getRepository(AuditEvent)
        .findOneByOrFail({ entityId: riskId, action: 'risk.update' });
      expect(event.changes).toMatchObject({ treatment: { before: null, after: 'reduce' } });

      const opportunity = await call('post', `/api/units/${dukcapil}/risks`, officer, {
        kind: 'opportunity',
        title: 'Layanan Dukcapil jemput bola di kelurahan',
        likelihood: 3,
        impact: 3,
        treatment: 'exploit',
      }).expect(201);
      expect(opportunity.body.code).toMatch(/^P-\d{3}$/);
      // A reason is asked for; the entry keeps it, so does the audit trail.
      const noReason = await call('post', `/api/risks/${opportunity.body.id}/withdraw`, officer, {
        reason: '  ',
      }).expect(400);
      expect(fields(noReason.body)).toEqual(['reason:isNotEmpty']);
      await call('post', `/api/risks/${opportunity.body.id}/withdraw`, officer, {
        reason: 'Digabung dengan program kelurahan',
      }).expect(200);
      await call('get', `/api/risks/${opportunity.body.id}`, officer).expect(404);
      const withdrawn = await t.db.getRepository(Risk).findOneByOrFail({ id: opportunity.body.id });
      expect(withdrawn.withdrawalReason).toBe('Digabung dengan program kelurahan');
      const withdrawal = await t.db
        .getRepository(AuditEvent)
        .findOneByOrFail({ entityId: opportunity.body.id, action: 'risk.withdraw' });
      expect(withdrawal.changes).toMatchObject({
        withdrawn: { before: false, after: true },
        withdrawalReason: { before: null, after: 'Digabung dengan program kelurahan' },
      });
    });

    it('shows the heat map: open entries per cell', async () => {
      const map = (await call('get', `/api/units/${dukcapil}/risk-heatmap`, management).expect(200))
        .body;
      expect(map.scale).toBe(5);
      expect(map.cells[3][3]).toBe('high');
      const risks = (await call('get', `/api/units/${dukcapil}/risks`, management)).body as {
        kind: string;
        likelihood: number;
        impact: number;
      }[];
      const own = risks.filter(
        (r) => r.kind === 'risk' && r.likelihood === 4 && r.impact === 4,
      ).length;
      expect(map.risks[3][3]).toBe(own);
      expect(map.risks.flat().reduce((a: number, b: number) => a + b, 0)).toBe(
        risks.filter((r) => r.kind === 'risk').length,
      );
    });

    it('hides another unit’s register (404) and refuses management a change (403)', async () => {
      await call('get', `/api/units/${dukcapil}/risks`, otherOfficer).expect(404);
      await call('get', `/api/risks/${riskId}`, otherOfficer).expect(404);
      await call('patch', `/api/risks/${riskId}`, otherOfficer, { title: 'x' }).expect(404);
      await call('post', `/api/units/${rsud}/risks`, officer, {
        kind: 'risk',
        title: 'x',
        likelihood: 1,
        impact: 1,
      }).expect(404);
      await call('patch', `/api/risks/${riskId}`, management, { title: 'x' }).expect(403);
    });

    it('lets the organisation set its own matrix and re-rates the register on it', async () => {
      const def = (
        await call('get', `/api/organisations/${orgId}/risk-matrix`, officer).expect(200)
      ).body;
      expect(def).toMatchObject({ isDefault: true, scale: 5 });
      const bad = await call('put', `/api/organisations/${orgId}/risk-matrix`, admin, {
        scale: 5,
        cells: def.cells.map((row: string[], l: number) =>
          row.map((c, i) => (l === 4 && i === 4 ? 'low' : c)),
        ),
      }).expect(400);
      expect(fields(bad.body)).toEqual(['cells.4.4:matrixMonotone']);
      const small = await call('put', `/api/organisations/${orgId}/risk-matrix?lang=en`, admin, {
        scale: 3,
        cells: [
          ['low', 'low', 'medium'],
          ['low', 'medium', 'high'],
          ['medium', 'high', 'extreme'],
        ],
      }).expect(422);
      expect(small.body.message).toContain('The scale 3 is smaller than ratings already given');
      // Every 4 × 4 now reads extreme.
      const strict = def.cells.map((row: string[], l: number) =>
        row.map((c, i) => (l >= 3 && i >= 3 ? 'extreme' : c)),
      );
      await call('put', `/api/organisations/${orgId}/risk-matrix`, officer, {
        scale: 5,
        cells: strict,
      }).expect(403);
      await call('put', `/api/organisations/${orgId}/risk-matrix`, admin, {
        scale: 5,
        cells: strict,
      }).expect(200);
      expect((await call('get', `/api/risks/${riskId}`, officer)).body.level).toBe('extreme');
      await call('put', `/api/organisations/${orgId}/risk-matrix`, admin, {
        scale: 5,
        cells: def.cells,
      }).expect(200);
      expect((await call('get', `/api/risks/${riskId}`, officer)).body.level).toBe('high');
    });
  });

  describe('quality objectives and their measurements', () => {
    let objectiveId: string;
    let rsudEvidence: string;
    let ownEvidence: string;

    beforeAll(async () => {
      const q = t.config.database.engine === 'postgres' ? '$1' : '?';
      const ev = async (unit: string) =>
        (
          await t.db.query<{ id: string }[]>(`SELECT id FROM evidence WHERE unit_id = ${q}`, [unit])
        )[0].id;
      rsudEvidence = await ev(rsud);
      ownEvidence = await ev(dukcapil);
    });

    it('adds an objective (≤ target, monthly), not yet measured for its last due period', async () => {
      const res = await call('post', `/api/units/${dukcapil}/objectives`, officer, {
        statement: 'Akta kelahiran selesai paling lama 3 hari kerja',
        indicator: 'Rata-rata lama penyelesaian akta kelahiran',
        unitOfMeasure: 'hari kerja',
        target: 3,
        direction: 'at_most',
        frequency: 'monthly',
        firstPeriod: '2026-09',
        ikuCode: 'IKU-DKP-02',
      }).expect(201);
      objectiveId = res.body.id;
      expect(res.body).toMatchObject({
        target: 3,
        lastDuePeriod: '2026-10',
        lastDueMeasured: false,
        state: 'no_data',
        latest: null,
      });
      expect(res.body.code).toMatch(/^SM-\d{2}$/);
    });

    it('refuses a period that is not of the frequency, not started, or before the first', async () => {
      const before = await counts();
      for (const [period, rule] of [
        ['2026-Q3', 'periodOfFrequency'],
        ['2027-01', 'periodNotStarted'],
        ['2026-08', 'beforeFirstPeriod'],
      ]) {
        const res = await call('post', `/api/objectives/${objectiveId}/measurements`, officer, {
          period,
          value: 2,
        }).expect(400);
        expect(fields(res.body)).toEqual([`period:${rule}`]);
      }
      await call('post', `/api/objectives/${objectiveId}/measurements`, officer, {
        period: '2026-10',
        value: 1.2345,
      }).expect(400);
      await call('post', `/api/objectives/${objectiveId}/measurements`, officer, {
        period: '2026-10',
        value: null,
      }).expect(400);
      expect(await counts()).toEqual(before);
    });

    it('links evidence only of the same unit (another unit’s → 404, nothing written)', async () => {
      const before = await counts();
      const res = await call('post', `/api/objectives/${objectiveId}/measurements`, officer, {
        period: '2026-10',
        value: 2.5,
        evidenceId: rsudEvidence,
      }).expect(404);
      expect(res.body.message).toContain('Bukti');
      expect(await counts()).toEqual(before);
    });

    it('records a measurement; the period again is a 409 offering the correction, which then works', async () => {
      const created = await call('post', `/api/objectives/${objectiveId}/measurements`, officer, {
        period: '2026-10',
        value: 2.5,
        note: 'Rekap SIAK Oktober',
        evidenceId: ownEvidence,
      }).expect(201);
      expect(created.body).toMatchObject({
        period: '2026-10',
        periodEndsOn: '2026-10-31',
        value: 2.5,
        meetsTarget: true,
      });
      const again = await call(
        'post',
        `/api/objectives/${objectiveId}/measurements?lang=en`,
        officer,
        {
          period: '2026-10',
          value: 4,
        },
      ).expect(409);
      expect(again.body.message).toBe(
        'The period 2026-10 already has a measurement. To correct it, send a PUT to the correction address given.',
      );
      expect(again.body.details).toEqual({
        correction: { method: 'PUT', path: `/api/objectives/${objectiveId}/measurements/2026-10` },
      });
      const fixed = await call('put', again.body.details.correction.path, officer, {
        value: 3.5,
      }).expect(200);
      expect(fixed.body).toMatchObject({
        value: 3.5,
        meetsTarget: false,
        note: 'Rekap SIAK Oktober',
      });
      const event = await t.db
        .getRepository(AuditEvent)
        .findOneByOrFail({ entityId: created.body.id, action: 'objective_measurement.correct' });
      expect(event.changes).toMatchObject({ value: { before: 2.5, after: 3.5 } });
      const objective = (await call('get', `/api/objectives/${objectiveId}`, management)).body;
      expect(objective).toMatchObject({ lastDueMeasured: true, state: 'off_track' });
      await call('put', `/api/objectives/${objectiveId}/measurements/2026-11`, officer, {
        value: 1,
      }).expect(404);
      await call('put', `/api/objectives/${objectiveId}/measurements/bogus`, officer, {
        value: 1,
      }).expect(404);
    });

    it('answers two simultaneous measurements of one period with exactly one 201 and one 409', async () => {
      const before = await counts();
      const results = await Promise.all(
        [1, 2].map((value) =>
          call('post', `/api/objectives/${objectiveId}/measurements`, officer, {
            period: '2026-11',
            value,
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await counts()).toEqual({
        ...before,
        measurements: before.measurements + 1,
        events: before.events + 1,
      });
      const series = (
        await call('get', `/api/objectives/${objectiveId}/measurements`, management).expect(200)
      ).body;
      expect(series.map((m: { period: string }) => m.period)).toEqual(['2026-10', '2026-11']);
      expect((await call('get', `/api/objectives/${objectiveId}`, officer)).body.state).toBe(
        'on_track',
      );
    });

    it('is scoped: another unit’s officer gets 404, management may not record (403)', async () => {
      await call('get', `/api/units/${dukcapil}/objectives`, otherOfficer).expect(404);
      await call('get', `/api/objectives/${objectiveId}`, otherOfficer).expect(404);
      await call('get', `/api/objectives/${objectiveId}/measurements`, otherOfficer).expect(404);
      await call('post', `/api/objectives/${objectiveId}/measurements`, otherOfficer, {
        period: '2026-09',
        value: 1,
      }).expect(404);
      await call('put', `/api/objectives/${objectiveId}/measurements/2026-10`, otherOfficer, {
        value: 1,
      }).expect(404);
      await call('post', `/api/objectives/${objectiveId}/measurements`, management, {
        period: '2026-09',
        value: 1,
      }).expect(403);
    });

    it('changes and withdraws an objective', async () => {
      const res = await call('patch', `/api/objectives/${objectiveId}`, officer, {
        target: 4,
        owner: null,
      }).expect(200);
      expect(res.body).toMatchObject({ target: 4, owner: null });
      await call('patch', `/api/objectives/${objectiveId}`, officer, {
        frequency: 'quarterly',
      }).expect(400);
      await call('patch', `/api/objectives/${objectiveId}`, officer, {
        firstPeriod: '2026-Q1',
      }).expect(400);
      await call('post', `/api/objectives/${objectiveId}/withdraw`, officer).expect(400);
      await call('post', `/api/objectives/${objectiveId}/withdraw`, officer, {
        reason: 'Diganti indikator nasional',
      }).expect(200);
      expect(
        (await t.db.getRepository(QualityObjective).findOneByOrFail({ id: objectiveId }))
          .withdrawalReason,
      ).toBe('Diganti indikator nasional');
      await call('get', `/api/objectives/${objectiveId}`, officer).expect(404);
    });
  });

  describe('readiness of 6.1 and 6.2', () => {
    const blockers = async (lang = 'id') =>
      (await call('get', `/api/units/${rsud}/readiness?lang=${lang}`, admin).expect(200)).body
        .blockers as { code: string; message: string; params: Record<string, unknown> }[];
    const ours = async (lang = 'id') =>
      (await blockers(lang)).filter((b) =>
        ['risk_register_incomplete', 'objectives_unmeasured'].includes(b.code),
      );

    it('blocks on an untreated high risk, naming it, until it is treated', async () => {
      expect(await ours()).toEqual([]);
      const risk = (
        await call('post', `/api/units/${rsud}/risks`, admin, {
          kind: 'risk',
          title: 'Listrik padam di kamar operasi',
          likelihood: 2,
          impact: 5,
        }).expect(201)
      ).body;
      expect(await ours('en')).toEqual([
        {
          code: 'risk_register_incomplete',
          message: `Clause 6.1: 1 high risk has no treatment: ${risk.code}`,
          params: { reason: 'untreated', count: 1, risks: [risk.code] },
        },
      ]);
      await call('patch', `/api/risks/${risk.id}`, admin, { treatment: 'reduce' }).expect(200);
      expect(await ours()).toEqual([]);
    });

    it('blocks when the next period falls due unmeasured, by itself, and lifts with the measurement', async () => {
      const clock = t.app.get(Clock);
      // 30 December 2026: November is now due, and no RSUD objective has it.
      clock.now = () => new Date('2026-12-30T02:00:00Z');
      try {
        const objectives = (await call('get', `/api/units/${rsud}/objectives`, admin)).body as {
          id: string;
          code: string;
          frequency: string;
        }[];
        const monthly = objectives.filter((o) => o.frequency === 'monthly');
        const [blocker] = await ours('en');
        expect(blocker).toMatchObject({
          code: 'objectives_unmeasured',
          params: { reason: 'unmeasured', objectives: monthly.map((o) => o.code) },
        });
        for (const o of monthly)
          await call('post', `/api/objectives/${o.id}/measurements`, admin, {
            period: '2026-11',
            value: 50,
          }).expect(201);
        expect(await ours()).toEqual([]);
      } finally {
        clock.now = () => NOW;
      }
    });
  });

  describe('the pages: edit and withdraw a risk, create, edit and withdraw an objective', () => {
    const page = (path: string, s: Session = officer) => asBrowser(t.server, officer).page(path, s);
    const post = (path: string, form: Record<string, string>, s: Session = officer) =>
      asBrowser(t.server, officer).post(path, form, s);
    let risk: { id: string; code: string };
    /** The edit form as the page fills it for the entry (every field posted). */
    const riskForm = (over: Record<string, string> = {}) => ({
      title: 'Server SIAK padam saat jam layanan',
      process: 'Pelayanan KTP-el',
      clauseNumber: '7.1.3',
      cause: 'Listrik padam',
      effect: 'Antrean tertahan',
      likelihood: '2',
      impact: '3',
      treatment: '',
      treatmentPlan: '',
      owner: '',
      dueOn: '',
      residualLikelihood: '',
      residualImpact: '',
      reviewedOn: '',
      ...over,
    });

    beforeAll(async () => {
      risk = (
        await call('post', `/api/units/${dukcapil}/risks`, officer, {
          kind: 'risk',
          title: 'Server SIAK padam saat jam layanan',
          likelihood: 2,
          impact: 3,
        }).expect(201)
      ).body;
    });

    it('changes the rating from the risk page: the register shows the new level', async () => {
      const shown = await page(`/risks/${risk.id}`).expect(200);
      expect(shown.text).toContain('value="Server SIAK padam saat jam layanan"');
      expect(shown.text).toMatch(/name="likelihood"[^>]*>.*<option value="2" selected>/s);
      const res = await post(
        `/risks/${risk.id}`,
        riskForm({ likelihood: '5', impact: '4', treatment: 'reduce', owner: 'Kasi SIAK' }),
      ).expect(303);
      expect(res.headers.location).toBe(`/units/${dukcapil}/risks?flash=risk_saved`);
      const stored = await t.db.getRepository(Risk).findOneByOrFail({ id: risk.id });
      expect(stored).toMatchObject({
        likelihood: 5,
        impact: 4,
        level: 'extreme',
        treatment: 'reduce',
        owner: 'Kasi SIAK',
        clauseNumber: '7.1.3',
      });
      const register = await page(`/units/${dukcapil}/risks?lang=en`).expect(200);
      expect(register.text).toContain(`data-testid="level-${risk.code}">Extreme</span>`);
      // A blank optional field clears it, as the API's null does.
      await post(`/risks/${risk.id}`, riskForm({ likelihood: '5', impact: '4' })).expect(303);
      expect(await t.db.getRepository(Risk).findOneByOrFail({ id: risk.id })).toMatchObject({
        treatment: null,
        owner: null,
      });
    });

    it('shows a refused change again with the reason, in the reader language, values kept', async () => {
      const before = await counts();
      const blank = await post(
        `/risks/${risk.id}?lang=en`,
        riskForm({ title: '  ', owner: 'Kasi SIAK' }),
      ).expect(400);
      expect(blank.text).toContain('data-testid="error-title">is required</span>');
      expect(blank.text).toContain('value="Kasi SIAK"');
      const outside = await post(`/risks/${risk.id}`, riskForm({ likelihood: '9' })).expect(400);
      expect(outside.text).toContain('data-testid="error-likelihood">di luar skala 1–5</span>');
      const tomorrow = await post(
        `/risks/${risk.id}`,
        riskForm({ reviewedOn: '2026-12-03', cause: 'Genset rusak' }),
      ).expect(400);
      expect(tomorrow.text).toContain('data-testid="error-reviewedOn"');
      expect(tomorrow.text).toContain('>Genset rusak</textarea>');
      // A careless client: JSON null, a 10 MB description: refused, never a 500.
      const nulls = await request(t.server)
        .post(`/risks/${risk.id}`)
        .set('Cookie', officer.cookie)
        .set('Accept', 'text/html')
        .send({ ...riskForm(), title: null, _csrf: officer.csrfToken });
      expect(nulls.status).toBe(400);
      const huge = await post(`/risks/${risk.id}`, riskForm({ title: 'x'.repeat(10_000_000) }));
      expect([400, 413]).toContain(huge.status);
      expect(await counts()).toEqual(before);
    });

    it("another unit's officer gets 404 for the page and both forms; management may not post (403)", async () => {
      const before = await counts();
      await page(`/risks/${risk.id}`, otherOfficer).expect(404);
      await post(`/risks/${risk.id}`, riskForm({ likelihood: '1' }), otherOfficer).expect(404);
      await post(`/risks/${risk.id}/withdraw`, { reason: 'x' }, otherOfficer).expect(404);
      await post(`/risks/${risk.id}/withdraw`, { reason: 'x' }, management).expect(403);
      expect(await counts()).toEqual(before);
    });

    it('withdraws a risk only with a reason; it leaves the register', async () => {
      const none = await post(`/risks/${risk.id}/withdraw`, { reason: ' ' }).expect(400);
      expect(none.text).toContain('data-testid="withdraw-error"');
      const res = await post(`/risks/${risk.id}/withdraw`, { reason: 'Dicakup R-001' }).expect(303);
      expect(res.headers.location).toBe(`/units/${dukcapil}/risks?flash=risk_withdrawn`);
      expect(
        (await t.db.getRepository(Risk).findOneByOrFail({ id: risk.id })).withdrawalReason,
      ).toBe('Dicakup R-001');
      const register = await page(`/units/${dukcapil}/risks`).expect(200);
      expect(register.text).not.toContain(`/risks/${risk.id}"`);
      // Withdrawn: the page and a second withdrawal are 404.
      await page(`/risks/${risk.id}`).expect(404);
      await post(`/risks/${risk.id}/withdraw`, { reason: 'lagi' }).expect(404);
    });

    const objectiveForm = (over: Record<string, string> = {}) => ({
      statement: 'KTP-el selesai paling lama 1 hari kerja',
      indicator: 'Persentase KTP-el selesai ≤ 1 hari kerja',
      unitOfMeasure: '%',
      direction: 'at_least',
      target: '97,5',
      baseline: '',
      frequency: 'monthly',
      firstPeriod: '',
      owner: 'Kabid PIAK',
      ikuCode: '',
      ...over,
    });
    let objectiveId: string;

    it('creates an objective from the objectives page (decimal comma), refusing a blank field first', async () => {
      const before = await counts();
      const blank = await post(
        `/units/${dukcapil}/objectives?lang=en`,
        objectiveForm({ indicator: '' }),
      ).expect(400);
      expect(blank.text).toContain('data-testid="error-indicator">is required</span>');
      expect(blank.text).toContain('value="KTP-el selesai paling lama 1 hari kerja"');
      expect(blank.text).toContain('value="97,5"');
      const period = await post(
        `/units/${dukcapil}/objectives`,
        objectiveForm({ firstPeriod: '2026-Q1' }),
      ).expect(400);
      expect(period.text).toContain('data-testid="error-firstPeriod"');
      expect(await counts()).toEqual(before);
      const res = await post(`/units/${dukcapil}/objectives`, objectiveForm()).expect(303);
      const [, id] = /^\/objectives\/([0-9a-f-]{36})\?flash=objective_saved$/.exec(
        res.headers.location,
      )!;
      objectiveId = id;
      const stored = await t.db.getRepository(QualityObjective).findOneByOrFail({ id });
      expect(stored).toMatchObject({
        unitId: dukcapil,
        targetMilli: 97_500,
        direction: 'at_least',
        firstPeriod: '2026-12',
        baselineMilli: null,
        ikuCode: null,
      });
      const shown = await page(`/objectives/${id}`).expect(200);
      expect(shown.text).toContain('id="measurement-form"');
      expect(shown.text).toContain('id="objective-edit-form"');
      // The edit form holds the target as an Indonesian reader types it.
      expect(shown.text).toContain(
        'id="o-target" name="target" required inputmode="decimal" maxlength="20" value="97,5"',
      );
      await post(`/units/${dukcapil}/objectives`, objectiveForm(), otherOfficer).expect(404);
      await post(`/units/${dukcapil}/objectives`, objectiveForm(), management).expect(403);
    });

    it('edits and withdraws the objective from its page', async () => {
      const refused = await post(
        `/objectives/${objectiveId}`,
        objectiveForm({ target: 'banyak', ikuCode: 'IKU-2.1' }),
      ).expect(400);
      expect(refused.text).toContain('data-testid="error-target"');
      expect(refused.text).toContain('value="IKU-2.1"');
      const { frequency: _f, ...edit } = objectiveForm({ target: '98', ikuCode: 'IKU-2.1' });
      const saved = await post(`/objectives/${objectiveId}`, edit);
      expect(saved.text.match(/class="(field-)?error"[^>]*>[^<]*/g)).toBeNull();
      expect(saved.status).toBe(303);
      expect(
        await t.db.getRepository(QualityObjective).findOneByOrFail({ id: objectiveId }),
      ).toMatchObject({ targetMilli: 98_000, ikuCode: 'IKU-2.1' });
      // The frequency is not part of the edit form (its measurements are keyed by it).
      await post(`/objectives/${objectiveId}`, objectiveForm()).expect(400);
      await post(`/objectives/${objectiveId}`, edit, otherOfficer).expect(404);
      const res = await post(`/objectives/${objectiveId}/withdraw`, {
        reason: 'Diganti indikator provinsi',
      }).expect(303);
      expect(res.headers.location).toBe(`/units/${dukcapil}/objectives?flash=objective_withdrawn`);
      await page(`/objectives/${objectiveId}`).expect(404);
    });
  });

  it('shows the risk heat map and the objectives on or off track in the gap report (PDF parsed back)', async () => {
    const assessor = await login(t.server, 'assessor');
    const [cycle] = (await call('get', `/api/units/${rsud}/assessments`, admin)).body;
    const res = await request(t.server)
      .get(`/api/assessments/${cycle.id}/report.pdf?lang=en`)
      .set(bearer(assessor))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const { flat: text } = await readPdf(res.body as Buffer);
    expect(text).toContain('Risks and opportunities (6.1)');
    expect(text).toContain('Salah identifikasi pasien saat pemberian obat');
    expect(text).toContain('Quality objectives (6.2)');
    expect(text).toContain('Waktu tunggu rawat jalan ≤ 60 menit');
    expect(text).toMatch(/On track|Off track/);
  });
});
