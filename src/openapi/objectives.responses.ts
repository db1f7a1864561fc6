import type { MeasurementView, ObjectiveView } from '../objectives/objective-views.js';
import type { Direction, Frequency, TrackState } from '../objectives/objective-types.js';

export class MeasurementResponse implements MeasurementView {
  id!: string;
  objectiveId!: string;
  period!: string;
  periodEndsOn!: string;
  value!: number;
  meetsTarget!: boolean;
  note!: string | null;
  evidenceId!: string | null;
  updatedAt!: string;
}

export class ObjectiveResponse implements ObjectiveView {
  id!: string;
  unitId!: string;
  /** SM-01, SM-02, … per unit. */
  code!: string;
  statement!: string;
  indicator!: string;
  unitOfMeasure!: string;
  target!: number;
  direction!: Direction;
  baseline!: number | null;
  frequency!: Frequency;
  firstPeriod!: string;
  owner!: string | null;
  /** SAKIP performance indicator (IKU) code. */
  ikuCode!: string | null;
  label!: string | null;
  lastDuePeriod!: string | null;
  lastDueMeasured!: boolean;
  state!: TrackState;
  latest!: MeasurementResponse | null;
  updatedAt!: string;
}
