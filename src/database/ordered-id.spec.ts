import { orderedUuid } from './ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('orderedUuid', () => {
  it('is a version 7 UUID carrying the time', () => {
    const id = orderedUuid(Date.parse('2026-12-02T05:00:00Z'));
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(
      Date.parse('2026-12-02T05:00:00Z'),
    );
  });

  it('sorts in the order made, within one millisecond too, and never repeats', () => {
    const at = Date.parse('2030-01-01T00:00:00Z');
    const ids = Array.from({ length: 10_000 }, () => orderedUuid(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });
});
