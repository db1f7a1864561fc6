import { ConfigError, loadConfig } from './configuration.js';
import { parseTrustProxy } from './trust-proxy.js';

describe('TRUST_PROXY', () => {
  it('takes false, a hop count, or a list of addresses, subnets and named ranges', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback')).toEqual(['loopback']);
    expect(parseTrustProxy('10.0.0.5, 192.168.0.0/16,fd00::/8 ,loopback')).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses true (every client could pick its address), junk and bad subnets', () => {
    for (const bad of [
      'true',
      'yes',
      '',
      'proxy.local',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.1/8/1',
      '10.0.0.1,',
      '999',
    ])
      expect([bad, parseTrustProxy(bad)]).toEqual([bad, null]);
  });

  it('defaults to loopback and names the variable when refused', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY="true": must be/);
  });
});
