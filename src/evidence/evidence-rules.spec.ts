import { isExpired, statusAfterChange } from './evidence-rules.js';

describe('isExpired', () => {
  it.each([
    [null, '2026-11-24', false],
    ['2026-11-24', '2026-11-24', false], // the last valid day itself still counts
    ['2026-11-23', '2026-11-24', true],
    ['2025-12-31', '2026-01-01', true],
    ['2027-01-01', '2026-12-31', false],
  ])('valid until %s, today %s → %s', (validUntil, today, expected) => {
    expect(isExpired(validUntil, today)).toBe(expected);
  });
});

describe('statusAfterChange', () => {
  it.each([
    ['rejected', { newVersion: true, changedFields: [] }, 'submitted'],
    ['accepted', { newVersion: true, changedFields: [] }, 'submitted'],
    ['submitted', { newVersion: true, changedFields: [] }, 'submitted'],
    ['accepted', { newVersion: false, changedFields: ['validUntil'] }, 'submitted'],
    ['accepted', { newVersion: false, changedFields: ['clauses'] }, 'submitted'],
    ['rejected', { newVersion: false, changedFields: ['reference'] }, 'submitted'],
    ['accepted', { newVersion: false, changedFields: ['title', 'description'] }, 'accepted'],
    ['rejected', { newVersion: false, changedFields: ['title'] }, 'rejected'],
    ['accepted', { newVersion: false, changedFields: [] }, 'accepted'],
  ] as const)('%s after %j → %s', (current, change, expected) => {
    expect(statusAfterChange(current, change)).toBe(expected);
  });
});
