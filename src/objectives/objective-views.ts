import { lastDuePeriod, meetsTarget, trackState } from './objective-rules.js';
import type { Direction, Frequency, TrackState } from './objective-types.js';
import type { ObjectiveMeasurement } from './measurement.entity.js';
import type { QualityObjective } from './objective.entity.js';

export const fromMilli = (n: number): number => n / 1000;
export const toMilli = (n: number): number => Math.round(n * 1000);

export interface MeasurementView {
  id: string;
  objectiveId: string;
  period: string;
  periodEndsOn: string;
  value: number;
  meetsTarget: boolean;
  note: string | null;
  evidenceId: string | null;
  updatedAt: string;
}

export interface ObjectiveView {
  id: string;
  unitId: string;
  code: string;
  statement: string;
  indicator: string;
  unitOfMeasure: string;
  target: number;
  direction: Direction;
  baseline: number | null;
  frequency: Frequency;
  firstPeriod: string;
  owner: string | null;
  ikuCode: string | null;
  label: string | null;
  /** The latest period whose measurement is due today (null before the first falls due). */
  lastDuePeriod: string | null;
  /** Whether that period has its measurement (true while none is due). */
  lastDueMeasured: boolean;
  /** on_track when the latest measurement meets the target. */
  state: TrackState;
  latest: MeasurementView | null;
  updatedAt: string;
}

export function measurementView(o: QualityObjective, m: ObjectiveMeasurement): MeasurementView {
  return {
    id: m.id,
    objectiveId: m.objectiveId,
    period: m.period,
    periodEndsOn: m.periodEndsOn,
    value: fromMilli(m.valueMilli),
    meetsTarget: meetsTarget(o.direction, o.targetMilli, m.valueMilli),
    note: m.note,
    evidenceId: m.evidenceId,
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** The objective with its state on `today`, from its measurements (any order). */
export function objectiveView(
  o: QualityObjective,
  measurements: readonly ObjectiveMeasurement[],
  today: string,
): ObjectiveView {
  const due = lastDuePeriod(o.frequency, o.firstPeriod, today);
  const sorted = [...measurements].sort((a, b) => (a.period < b.period ? 1 : -1));
  return {
    id: o.id,
    unitId: o.unitId,
    code: o.code,
    statement: o.statement,
    indicator: o.indicator,
    unitOfMeasure: o.unitOfMeasure,
    target: fromMilli(o.targetMilli),
    direction: o.direction,
    baseline: o.baselineMilli === null ? null : fromMilli(o.baselineMilli),
    frequency: o.frequency,
    firstPeriod: o.firstPeriod,
    owner: o.owner,
    ikuCode: o.ikuCode,
    label: o.label,
    lastDuePeriod: due,
    lastDueMeasured: due === null || sorted.some((m) => m.period === due),
    state: trackState(
      o.direction,
      o.targetMilli,
      sorted.map((m) => ({ period: m.period, value: m.valueMilli })),
    ),
    latest: sorted[0] ? measurementView(o, sorted[0]) : null,
    updatedAt: o.updatedAt.toISOString(),
  };
}
