import { formatCount, formatBytes, formatPercent, formatPointChange } from './numbers.js';

describe('numbers as people in Kupang read them', () => {
  it('percentages with a decimal comma in Indonesian', () => {
    expect(formatPercent(0.838, 'id')).toBe('83,8%');
    expect(formatPercent(0.838, 'en')).toBe('83.8%');
    expect(formatPercent(null, 'id')).toBe('–');
  });

  it('a change is signed, in percentage points, not a percentage', () => {
    expect(formatPointChange(0.078, 'id')).toBe('+7,8 poin');
    expect(formatPointChange(0.078, 'en')).toBe('+7.8 pts');
    expect(formatPointChange(-0.1234, 'id')).toBe('−12,3 poin');
    expect(formatPointChange(0.00001, 'id')).toBe('±0 poin');
    expect(formatPointChange(0, 'en')).toBe('±0 pts');
    expect(formatPointChange(null, 'id')).toBe('–');
  });
});

describe('file sizes', () => {
  it('formats sizes in the language of the reader', () => {
    expect(formatBytes(512, 'id')).toBe('512 B');
    expect(formatBytes(1_234_567, 'id')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(150 * 1024, 'en')).toBe('150 KB');
  });
});

describe('counts', () => {
  it('groups thousands the reader’s way', () => {
    expect(formatCount(4500, 'id')).toBe('4.500');
    expect(formatCount(4500, 'en')).toBe('4,500');
    expect(formatCount(7, 'id')).toBe('7');
  });
});
