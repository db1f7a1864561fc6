import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bearer, login, type Session } from './support/auth.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb, engine } from './support/test-db.js';

/**
 * A caller who may see tens of thousands of units. The scope is a subquery, never a list of ids, so
 * no query's parameter count grows with it: SQLite refuses statements with more than 32,766
 * parameters, and 40,000 units sent back as `IN (…)` would fail with "too many SQL variables".
 */
const EXTRA_UNITS = 40_000;

describeDb('scope: a caller who sees 40,000 units', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let org: string;
  let unitId: string;
  let evidenceId: string;
  let assessmentId: string;

  /** Multi-row inserts of at most 4,000 parameters each. */
  const insert = async (table: string, columns: string[], rows: string[][]): Promise<void> => {
    const per = Math.floor(4000 / columns.length);
    for (let i = 0; i < rows.length; i += per) {
      const values: string[] = [];
      const tuples = rows.slice(i, i + per).map((row) => {
        const marks = row.map((v) => {
          values.push(v);
          return engine === 'postgres' ? `$${values.length}` : '?';
        });
        return `(${marks.join(', ')})`;
      });
      await t.db.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
        values,
      );
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t.server, 'admin');
    org = (await request(t.server).get('/api/organisations').set(bearer(admin))).body[0].id;
    const before = await login(t.server, 'officer.setda');
    const officerId = before.user.id;
    unitId = before.user.unitIds[0];
    const ids = Array.from({ length: EXTRA_UNITS }, () => randomUUID());
    await insert(
      'unit',
      ['id', 'organisation_id', 'code', 'name'],
      ids.map((id, i) => [id, org, `X${String(i).padStart(5, '0')}`, `Unit ${i}`]),
    );
    await insert(
      'user_unit',
      ['user_id', 'unit_id'],
      ids.map((id) => [officerId, id]),
    );
    // Signed in after the assignment, so the session carries all 40,001 units.
    officer = await login(t.server, 'officer.setda');
    const evidence = await request(t.server)
      .post(`/api/units/${unitId}/evidence`)
      .set(bearer(officer))
      .send({ title: 'Kebijakan mutu', clauses: ['5.2.1'], reference: 'SK Wali Kota 1/2026' })
      .expect(201);
    evidenceId = evidence.body.id;
    const cycles = await request(t.server)
      .get(`/api/units/${unitId}/assessments`)
      .set(bearer(officer))
      .expect(200);
    assessmentId = cycles.body[0].id;
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the officer and the administrator see all of them', async () => {
    expect(officer.user.unitIds).toHaveLength(EXTRA_UNITS + 1);
    const units = await request(t.server)
      .get(`/api/organisations/${org}/units`)
      .set(bearer(admin))
      .expect(200);
    expect(units.body.length).toBeGreaterThan(EXTRA_UNITS);
  }, 120_000);

  it('reads one evidence item, its unit’s list and an assessment within the scope', async () => {
    expect(evidenceId).toEqual(expect.any(String));
    for (const s of [officer, admin]) {
      const item = await request(t.server)
        .get(`/api/evidence/${evidenceId}`)
        .set(bearer(s))
        .expect(200);
      expect(item.body.title).toBe('Kebijakan mutu');
      const list = await request(t.server)
        .get(`/api/units/${unitId}/evidence`)
        .set(bearer(s))
        .expect(200);
      expect(JSON.stringify(list.body)).toContain(evidenceId);
      const cycle = await request(t.server)
        .get(`/api/assessments/${assessmentId}`)
        .set(bearer(s))
        .expect(200);
      expect(cycle.body.id).toBe(assessmentId);
      await request(t.server)
        .get(`/api/assessments/${assessmentId}/findings`)
        .set(bearer(s))
        .expect(200);
    }
  }, 120_000);

  it('reads the unit’s readiness summary and the audit trail', async () => {
    for (const s of [officer, admin]) {
      const summary = await request(t.server)
        .get(`/api/units/${unitId}/readiness`)
        .set(bearer(s))
        .expect(200);
      expect(summary.body).toHaveProperty('score');
      const audit = await request(t.server)
        .get(`/api/audit-events?entity=evidence&entityId=${evidenceId}`)
        .set(bearer(s))
        .expect(200);
      expect(audit.body.items).toHaveLength(1);
    }
  }, 120_000);

  it('still refuses a unit outside the scope (not found)', async () => {
    const other = await login(t.server, 'officer.rsud');
    await request(t.server).get(`/api/evidence/${evidenceId}`).set(bearer(other)).expect(404);
    await request(t.server).get(`/api/assessments/${assessmentId}`).set(bearer(other)).expect(404);
  }, 120_000);
});
