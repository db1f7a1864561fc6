import { readFileSync } from 'node:fs';
import { parseCatalogue } from '../standards/catalogue.js';
import { parseDemoFile, parseOrganisationFile, SeedFileError } from './seed-files.js';

const read = (path: string): string =>
  readFileSync(new URL(`../../seeds/${path}`, import.meta.url), 'utf8');
const leaves = parseCatalogue(read('standards/iso-9001-2015.yaml'))
  .clauses.filter((c) => c.isLeaf)
  .map((c) => c.number);

describe('seeds/organisations/kota-kupang.yaml', () => {
  const org = parseOrganisationFile(read('organisations/kota-kupang.yaml'), 'kota-kupang.yaml');

  it('holds the four pilot units under their official names', () => {
    expect(org).toMatchObject({
      code: 'kota-kupang',
      name: 'Pemerintah Kota Kupang',
      timezone: 'Asia/Makassar',
      reportPrefix: 'KPG',
    });
    expect(org.units.map((u) => [u.code, u.name])).toEqual([
      ['SETDA', 'Sekretariat Daerah Kota Kupang'],
      ['RSUD', 'Rumah Sakit Umum Daerah S.K. Lerik Kota Kupang'],
      ['BKD', 'Badan Keuangan Daerah Kota Kupang'],
      ['DUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang'],
    ]);
  });
});

describe('seeds/demo/kota-kupang-demo.yaml', () => {
  const demo = parseDemoFile(read('demo/kota-kupang-demo.yaml'), 'kota-kupang-demo.yaml');

  it('has the demo users of DESIGN.md', () => {
    expect(demo.users.map((u) => u.username)).toEqual([
      'admin',
      'officer.setda',
      'officer.rsud',
      'officer.bkd',
      'officer.dukcapil',
      'assessor',
      'management',
    ]);
    expect(demo.users.every((u) => u.displayName.includes('(demo)'))).toBe(true);
  });

  it('rates every leaf clause exactly once per assessment, one gap assessment per unit', () => {
    expect(demo.assessments.map((a) => a.unit).sort()).toEqual([
      'BKD',
      'DUKCAPIL',
      'RSUD',
      'SETDA',
    ]);
    for (const a of demo.assessments) {
      const covered = [...Object.keys(a.ratings), ...Object.keys(a.notApplicable)].sort();
      expect([a.unit, covered]).toEqual([a.unit, [...leaves].sort()]);
    }
  });

  it('has a realistic mix: every grade of finding, rejected and expired evidence', () => {
    const grades = new Set(demo.findings.map((f) => f.grade));
    expect([...grades].sort()).toEqual(['improvement', 'major', 'minor', 'observation']);
    expect(demo.evidence.filter((e) => e.status === 'rejected').every((e) => e.reviewReason)).toBe(
      true,
    );
    expect(demo.evidence.some((e) => e.validUntil !== null && e.validUntil < '2026-11-23')).toBe(
      true,
    );
    for (const f of demo.findings)
      expect([f.clause, leaves.includes(f.clause)]).toEqual([f.clause, true]);
  });
});

describe('parseDemoFile refuses what the seeder could not load', () => {
  it.each([
    ['a file without demo: true', 'organisation: x\nstandard: y\n', /must say demo: true/],
    [
      'an unknown role',
      'demo: true\norganisation: x\nstandard: y\nusers:\n  - { username: a, displayName: A, role: root }\n',
      /users\[0\]: role must be one of/,
    ],
    [
      'a rejected item without reason',
      'demo: true\norganisation: x\nstandard: y\nevidence:\n  - { unit: U, title: T, clauses: ["4.1"], status: rejected }\n',
      /needs a reviewReason/,
    ],
    [
      'a bad date',
      'demo: true\norganisation: x\nstandard: y\nassessments:\n  - { unit: U, type: gap_assessment, title: T, startsOn: 14/09/2026 }\n',
      /startsOn must be a date YYYY-MM-DD/,
    ],
  ])('%s', (_name, source, message) => {
    expect(() => parseDemoFile(source, 'demo.yaml')).toThrow(SeedFileError);
    expect(() => parseDemoFile(source, 'demo.yaml')).toThrow(message);
  });
});
