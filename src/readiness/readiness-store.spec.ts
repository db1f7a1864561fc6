import { isCurrent, startOfWitaDay } from './readiness-store.js';
import {
  nextSelfChangeDay,
  unitReadiness,
  type EvidenceInput,
  type FindingInput,
  type ReadinessClause,
  type UnitReadinessInput,
} from './readiness.js';

const TODAY = '2026-11-23';

const CLAUSES: ReadinessClause[] = [
  {
    number: '4',
    parentNumber: null,
    isLeaf: false,
    maintainsDocuments: false,
    retainsRecords: false,
  },
  {
    number: '4.1',
    parentNumber: '4',
    isLeaf: true,
    maintainsDocuments: true,
    retainsRecords: false,
  },
  {
    number: '4.2',
    parentNumber: '4',
    isLeaf: true,
    maintainsDocuments: false,
    retainsRecords: false,
  },
];

const evidence = (validUntil: string | null, more: Partial<EvidenceInput> = {}): EvidenceInput => ({
  clauseNumbers: ['4.1'],
  status: 'accepted',
  validUntil,
  withdrawn: false,
  ...more,
});

const finding = (dueOn: string | null, more: Partial<FindingInput> = {}): FindingInput => ({
  clauseNumber: '4.2',
  grade: 'minor',
  state: 'planned',
  dueOn,
  ...more,
});

const input = (more: Partial<UnitReadinessInput>): UnitReadinessInput => ({
  clauses: CLAUSES,
  ratings: [],
  evidence: [],
  findings: [],
  today: TODAY,
  ...more,
});

describe('nextSelfChangeDay: when a result changes with nothing written', () => {
  it('is never for a unit with no dates ahead', () => {
    expect(nextSelfChangeDay(input({}))).toBeNull();
    expect(
      nextSelfChangeDay(input({ evidence: [evidence(null)], findings: [finding(null)] })),
    ).toBeNull();
  });

  it('is the day after the last valid day of evidence that counts today', () => {
    expect(nextSelfChangeDay(input({ evidence: [evidence('2026-12-31'), evidence(TODAY)] }))).toBe(
      '2026-11-24',
    );
    // Expired, rejected or withdrawn evidence cannot change by itself any more.
    expect(
      nextSelfChangeDay(
        input({
          evidence: [
            evidence('2026-11-22'),
            evidence('2026-11-25', { status: 'rejected' }),
            evidence('2026-11-25', { withdrawn: true }),
          ],
        }),
      ),
    ).toBeNull();
  });

  it('is the day after the due date of an open nonconformity not yet overdue', () => {
    expect(nextSelfChangeDay(input({ findings: [finding('2026-11-30'), finding(TODAY)] }))).toBe(
      '2026-11-24',
    );
    expect(
      nextSelfChangeDay(
        input({
          findings: [
            finding('2026-11-20'),
            finding('2026-11-25', { state: 'verified' }),
            finding('2026-11-25', { grade: 'observation' }),
          ],
        }),
      ),
    ).toBeNull();
  });

  it('takes the earliest of both, and the result on that day really differs', () => {
    const unit = input({ evidence: [evidence('2026-11-26')], findings: [finding('2026-11-24')] });
    const next = nextSelfChangeDay(unit);
    expect(next).toBe('2026-11-25');
    expect(unitReadiness({ ...unit, today: '2026-11-24' })).toEqual(unitReadiness(unit));
    expect(unitReadiness({ ...unit, today: next! }).overdueActions).toBe(1);
  });
});

describe('isCurrent: whether a stored result still holds', () => {
  const at = (iso: string) => new Date(iso);
  const stored = { computedFor: TODAY, changesAt: startOfWitaDay('2026-11-25') };

  it('holds until the start of the change day in WITA (UTC+8), then not', () => {
    expect(startOfWitaDay('2026-11-25').toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(isCurrent(stored, at('2026-11-24T15:59:59Z'))).toBe(true);
    expect(isCurrent(stored, at('2026-11-24T16:00:00Z'))).toBe(false);
  });

  it('holds for ever without a change day, and never for a day before the one computed', () => {
    expect(isCurrent({ computedFor: TODAY, changesAt: null }, at('2027-06-01T00:00:00Z'))).toBe(
      true,
    );
    expect(isCurrent({ computedFor: TODAY, changesAt: null }, at('2026-11-22T12:00:00Z'))).toBe(
      false,
    );
  });
});
