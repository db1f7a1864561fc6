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
      'head.setda',
      'head.rsud',
      'head.bkd',
      'head.dukcapil',
      'diagnostic.assessor',
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

describe('seeds/demo/kota-kupang-demo.yaml readiness history', () => {
  const demo = parseDemoFile(read('demo/kota-kupang-demo.yaml'), 'kota-kupang-demo.yaml');

  it('gives every pilot unit a handful of rising points over the past three months', () => {
    const units = [...new Set(demo.history.map((h) => h.unit))].sort();
    expect(units).toEqual(['BKD', 'DUKCAPIL', 'RSUD', 'SETDA']);
    for (const unit of units) {
      const points = demo.history
        .filter((h) => h.unit === unit)
        .sort((a, b) => b.daysAgo - a.daysAgo);
      expect(points.length).toBeGreaterThanOrEqual(3);
      expect(points.every((p) => p.daysAgo >= 1 && p.daysAgo <= 90)).toBe(true);
      // Something to compare with on the dashboard ("since last month").
      expect(points.some((p) => p.daysAgo > 30)).toBe(true);
      const scores = points.map((p) => p.score);
      expect([unit, scores]).toEqual([unit, [...scores].sort((a, b) => a - b)]);
    }
  });

  it('reads percentages as scores from 0 to 1', () => {
    expect(
      parseDemoFile(
        'demo: true\norganisation: x\nstandard: y\nhistory:\n  U:\n    - { daysAgo: 60, percent: 35 }\n    - { daysAgo: 7, percent: 42.5 }\n',
        'demo.yaml',
      ).history,
    ).toEqual([
      { unit: 'U', daysAgo: 60, score: 0.35 },
      { unit: 'U', daysAgo: 7, score: 0.425 },
    ]);
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
    [
      'a history point dated today or in the future',
      'demo: true\norganisation: x\nstandard: y\nhistory:\n  U: [{ daysAgo: 0, percent: 10 }]\n',
      /history of U\[0\]: daysAgo must be a whole number from 1 to 3650/,
    ],
    [
      'a history point dated by a calendar day',
      'demo: true\norganisation: x\nstandard: y\nhistory:\n  U: [{ daysAgo: 2026-09-01, percent: 10 }]\n',
      /daysAgo must be a whole number/,
    ],
    [
      'a percentage over 100',
      'demo: true\norganisation: x\nstandard: y\nhistory:\n  U: [{ daysAgo: 30, percent: 120 }]\n',
      /history of U\[0\]: percent must be a number from 0 to 100/,
    ],
    [
      'two points on the same day',
      'demo: true\norganisation: x\nstandard: y\nhistory:\n  U: [{ daysAgo: 30, percent: 10 }, { daysAgo: 30, percent: 12 }]\n',
      /history of U\[1\]: daysAgo 30 appears twice/,
    ],
    [
      'a history that is a list',
      'demo: true\norganisation: x\nstandard: y\nhistory:\n  - { unit: U, daysAgo: 30, percent: 10 }\n',
      /history must map unit codes to lists of points/,
    ],
  ])('%s', (_name, source, message) => {
    expect(() => parseDemoFile(source, 'demo.yaml')).toThrow(SeedFileError);
    expect(() => parseDemoFile(source, 'demo.yaml')).toThrow(message);
  });
});
