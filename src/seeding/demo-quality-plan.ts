import { readFileSync } from 'node:fs';
import type { EntityManager } from 'typeorm';
import { parse } from 'yaml';
import { recordAudit } from '../audit-log/audit-log.js';
import { addDays, todayInZone } from '../common/dates.js';
import { ObjectiveMeasurement } from '../objectives/measurement.entity.js';
import {
  lastDuePeriod,
  periodBounds,
  periodIndex,
  periodKey,
  periodOfDay,
} from '../objectives/objective-rules.js';
import type { Direction, Frequency } from '../objectives/objective-types.js';
import { QualityObjective } from '../objectives/objective.entity.js';
import type { Unit } from '../organisations/unit.entity.js';
import { DEFAULT_MATRIX, ratingProblems, riskLevel } from '../risks/risk-rules.js';
import type { RiskKind, Treatment } from '../risks/risk-types.js';
import { Risk } from '../risks/risk.entity.js';
import { SeedFileError } from './seed-files.js';

interface DemoRisk {
  kind: RiskKind;
  title: string;
  process?: string;
  clause?: string;
  cause?: string;
  effect?: string;
  likelihood: number;
  impact: number;
  treatment?: Treatment;
  treatmentPlan?: string;
  owner?: string;
  residual?: [number, number];
}

interface DemoObjective {
  statement: string;
  indicator: string;
  unitOfMeasure: string;
  target: number;
  direction: Direction;
  baseline?: number;
  frequency: Frequency;
  owner?: string;
  ikuCode?: string;
  /** Measured values, oldest first, the newest for the period last due on the day of loading. */
  values: number[];
}

interface QualityPlanFile {
  risks?: Record<string, DemoRisk[]>;
  objectives?: Record<string, DemoObjective[]>;
}

const milli = (n: number): number => Math.round(n * 1000);

/**
 * Loads seeds/demo/quality-plan.yaml: each pilot unit's risk register and quality objectives with
 * their recent measurements, dated from `now` so the demo stays current, each marked "(demo)" and
 * audited like a change made in the app. Runs inside the demo load (an empty database, once).
 */
export async function loadDemoQualityPlan(
  m: EntityManager,
  file: string,
  unitOf: (code: string, where: string) => Unit,
  now: Date,
): Promise<{ risks: number; objectives: number; measurements: number }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { risks: 0, objectives: 0, measurements: 0 };
  }
  const plan = (parse(text) ?? {}) as QualityPlanFile;
  const today = todayInZone(now);
  const reviewedOn = addDays(today, -30);
  const counts = { risks: 0, objectives: 0, measurements: 0 };
  const audit = (unit: Unit, action: string, entity: string, entityId: string) =>
    recordAudit(m, {
      actorId: null,
      action,
      entity,
      entityId,
      organisationId: unit.organisationId,
      unitId: unit.id,
    });

  for (const [code, risks] of Object.entries(plan.risks ?? {})) {
    const unit = unitOf(code, `quality-plan.yaml risks of ${code}`);
    const numbers = { risk: 0, opportunity: 0 };
    for (const r of risks) {
      const rating = {
        kind: r.kind,
        likelihood: r.likelihood,
        impact: r.impact,
        treatment: r.treatment ?? null,
        residualLikelihood: r.residual?.[0] ?? null,
        residualImpact: r.residual?.[1] ?? null,
        reviewedOn,
      };
      const problems = ratingProblems(rating, DEFAULT_MATRIX, today);
      if (problems.length > 0)
        throw new SeedFileError(
          `quality-plan.yaml: ${code} "${r.title}": ${problems.map((p) => `${p.field} ${p.rule}`).join(', ')}`,
        );
      numbers[r.kind] += 1;
      const saved = await m.getRepository(Risk).save(
        m.getRepository(Risk).create({
          unitId: unit.id,
          code: `${r.kind === 'risk' ? 'R' : 'P'}-${String(numbers[r.kind]).padStart(3, '0')}`,
          title: r.title,
          process: r.process ?? null,
          clauseNumber: r.clause ?? null,
          cause: r.cause ?? null,
          effect: r.effect ?? null,
          ...rating,
          level: riskLevel(DEFAULT_MATRIX, r.likelihood, r.impact),
          residualLevel: r.residual
            ? riskLevel(DEFAULT_MATRIX, r.residual[0], r.residual[1])
            : null,
          treatmentPlan: r.treatmentPlan ?? null,
          owner: r.owner ?? null,
          dueOn: r.treatment && r.kind === 'risk' ? addDays(today, 90) : null,
          label: '(demo)',
          withdrawnAt: null,
          createdById: null,
        }),
      );
      await audit(unit, 'risk.create', 'risk', saved.id);
      counts.risks += 1;
    }
  }

  for (const [code, objectives] of Object.entries(plan.objectives ?? {})) {
    const unit = unitOf(code, `quality-plan.yaml objectives of ${code}`);
    for (const [n, o] of objectives.entries()) {
      // The newest value is for the period last due today; older ones for the periods before it.
      const current = periodIndex(o.frequency, periodOfDay(o.frequency, today))!;
      const last =
        lastDuePeriod(o.frequency, periodKey(o.frequency, current - 100), today) ??
        periodOfDay(o.frequency, today);
      const lastIndex = periodIndex(o.frequency, last)!;
      const periods = o.values.map((_v, i) =>
        periodKey(o.frequency, lastIndex - (o.values.length - 1 - i)),
      );
      const saved = await m.getRepository(QualityObjective).save(
        m.getRepository(QualityObjective).create({
          unitId: unit.id,
          code: `SM-${String(n + 1).padStart(2, '0')}`,
          statement: o.statement,
          indicator: o.indicator,
          unitOfMeasure: o.unitOfMeasure,
          targetMilli: milli(o.target),
          direction: o.direction,
          baselineMilli: o.baseline === undefined ? null : milli(o.baseline),
          frequency: o.frequency,
          firstPeriod: periods[0] ?? last,
          owner: o.owner ?? null,
          ikuCode: o.ikuCode ?? null,
          label: '(demo)',
          withdrawnAt: null,
          createdById: null,
        }),
      );
      await audit(unit, 'objective.create', 'objective', saved.id);
      counts.objectives += 1;
      for (const [i, value] of o.values.entries()) {
        const measurement = await m.getRepository(ObjectiveMeasurement).save(
          m.getRepository(ObjectiveMeasurement).create({
            objectiveId: saved.id,
            unitId: unit.id,
            period: periods[i],
            periodEndsOn: periodBounds(o.frequency, periods[i]).endsOn,
            valueMilli: milli(value),
            note: '(demo)',
            evidenceId: null,
            recordedById: null,
          }),
        );
        await audit(unit, 'objective_measurement.record', 'objective_measurement', measurement.id);
        counts.measurements += 1;
      }
    }
  }
  return counts;
}
