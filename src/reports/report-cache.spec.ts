import { ReportCache, etagOf, reportKey, type CachedReport } from './report-cache.js';

const entry = (text: string): CachedReport<string> => ({
  etag: etagOf(Buffer.from(text)),
  renderedAt: new Date('2026-12-01T00:00:00Z'),
  file: text,
  size: Buffer.byteLength(text),
});

describe('report cache', () => {
  it('keys differ whenever any part differs, and parts cannot run into each other', () => {
    const base = ['gap', 'a1', 'id', 'v1', '2026-12-01', 'stamp'];
    expect(reportKey(base)).toBe(reportKey([...base]));
    for (let i = 0; i < base.length; i++) {
      const changed = [...base];
      changed[i] = `${changed[i]}x`;
      expect(reportKey(changed)).not.toBe(reportKey(base));
    }
    expect(reportKey(['ab', 'c'])).not.toBe(reportKey(['a', 'bc']));
    expect(reportKey([null])).not.toBe(reportKey(['null']));
  });

  it('equal bytes, equal strong ETag; different bytes, different ETag', () => {
    expect(etagOf(Buffer.from('pdf'))).toBe(etagOf(Buffer.from('pdf')));
    expect(etagOf(Buffer.from('pdf'))).not.toBe(etagOf(Buffer.from('pdf ')));
    expect(etagOf(Buffer.from('x'))).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it('evicts the least recently used entries once the bytes pass the bound', () => {
    const cache = new ReportCache<string>(10);
    cache.set('a', entry('aaaa'));
    cache.set('b', entry('bbbb'));
    expect(cache.get('a')?.file).toBe('aaaa'); // a is now the most recently used
    cache.set('c', entry('cccc'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.file).toBe('aaaa');
    expect(cache.get('c')?.file).toBe('cccc');
    expect(cache.size).toEqual({ entries: 2, bytes: 8 });
  });

  it('bounds the number of entries too, and never keeps one larger than the whole cache', () => {
    const cache = new ReportCache<string>(100, 2);
    cache.set('a', entry('a'));
    cache.set('b', entry('b'));
    cache.set('c', entry('c'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size.entries).toBe(2);
    cache.set('big', entry('x'.repeat(101)));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 2 });
  });

  it('replacing a key counts its bytes once; a zero-byte bound keeps nothing', () => {
    const cache = new ReportCache<string>(10);
    cache.set('a', entry('aaaa'));
    cache.set('a', entry('aaaaaa'));
    expect(cache.size).toEqual({ entries: 1, bytes: 6 });
    const none = new ReportCache<string>(0);
    none.set('a', entry('a'));
    expect(none.get('a')).toBeUndefined();
  });
});
