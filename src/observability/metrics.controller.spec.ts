import { bearerMatches } from './metrics.controller.js';

describe('bearerMatches', () => {
  const token = 'metrics-token-0123456789abcdef';

  it('accepts exactly the token as a bearer credential', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${token}`],
    ['a prefix of the token', `Bearer ${token.slice(0, -1)}`],
    ['the token and more', `Bearer ${token}x`],
    ['two credentials', `Bearer ${token} ${token}`],
  ])('refuses %s', (_what, header) => {
    expect(bearerMatches(header, token)).toBe(false);
  });
});
