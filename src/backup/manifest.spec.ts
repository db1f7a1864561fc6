import {
  BackupRefused,
  checkMembers,
  FORMAT_VERSION,
  isMemberPath,
  parseHead,
  parseManifest,
  type Manifest,
} from './manifest.js';

const sha = (c: string): string => c.repeat(64);
const head = {
  format: FORMAT_VERSION,
  mutuVersion: '0.1.0',
  engine: 'sqlite' as const,
  createdAt: 'now',
};
const manifest: Manifest = {
  ...head,
  migrations: ['A1', 'B2'],
  members: [
    { path: 'database/mutu.sqlite', size: 10, sha256: sha('a') },
    { path: `evidence/bb/bb/${sha('b')}`, size: 3, sha256: sha('b') },
  ],
};
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

describe('backup manifest', () => {
  it.each([
    ['database/mutu.sqlite', true],
    ['database/mutu.pgdump', true],
    [`evidence/ab/cd/${sha('e')}`, true],
    [`reports/${sha('f')}.pdf`, true],
    ['../etc/passwd', false],
    ['/etc/passwd', false],
    [`evidence/ab/cd/../${sha('e')}`, false],
    [`reports/${sha('f')}.pdf/x`, false],
    ['database/other.db', false],
  ])('member path %s allowed: %s', (path, ok) => {
    expect(isMemberPath(path)).toBe(ok);
  });

  it('refuses a newer format and a foreign file, and reads its own', () => {
    expect(parseHead(json(head))).toEqual(head);
    expect(() => parseHead(json({ ...head, format: FORMAT_VERSION + 1 }))).toThrow(
      `Backup format ${FORMAT_VERSION + 1} is newer than this Mutu reads`,
    );
    expect(() => parseHead(Buffer.from('not json'))).toThrow(BackupRefused);
    expect(() => parseHead(json({ hello: 1 }))).toThrow('Not a Mutu backup');
  });

  it('refuses a manifest from another backup or with a malformed member', () => {
    expect(parseManifest(json(manifest), head)).toEqual(manifest);
    expect(() => parseManifest(json({ ...manifest, createdAt: 'other' }), head)).toThrow(
      'members swapped',
    );
    expect(() =>
      parseManifest(
        json({ ...manifest, members: [{ path: '../x', size: 1, sha256: sha('a') }] }),
        head,
      ),
    ).toThrow('malformed member');
  });

  const seen = manifest.members;
  it.each<[string, Parameters<typeof checkMembers>[1], string[], string | null]>([
    ['the same members', seen, ['A1', 'B2', 'C3'], null],
    [
      'a checksum that differs',
      [seen[0], { ...seen[1], sha256: sha('c') }],
      ['A1', 'B2'],
      'checksum mismatch',
    ],
    [
      'a size that differs',
      [seen[0], { ...seen[1], size: 4 }],
      ['A1', 'B2'],
      '4 bytes, the manifest says 3',
    ],
    ['a member missing', [seen[0]], ['A1', 'B2'], 'in the manifest but not in the archive'],
    [
      'a member too many',
      [...seen, { path: `reports/${sha('d')}.pdf`, size: 1, sha256: sha('d') }],
      ['A1', 'B2'],
      'not in the manifest',
    ],
    ['a member twice', [...seen, seen[1]], ['A1', 'B2'], 'twice'],
    [
      'a migration this Mutu does not know',
      seen,
      ['A1'],
      'migration B2, which this Mutu does not know',
    ],
  ])('%s', (_what, members, known, refusal) => {
    const check = (): void => checkMembers(manifest, members, known);
    if (refusal) expect(check).toThrow(refusal);
    else expect(check).not.toThrow();
  });

  it('refuses an archive without its database', () => {
    const noDb = { ...manifest, members: [manifest.members[1]] };
    expect(() => checkMembers(noDb, noDb.members, ['A1', 'B2'])).toThrow(
      'holds no sqlite database',
    );
  });
});
