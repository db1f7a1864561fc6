import { describeReport, progressPrinter, type VerifyReport } from './evidence-verify.js';

describe('progressPrinter', () => {
  const MB = 1024 * 1024;
  const run = (times: number[]): string[] => {
    const lines: string[] = [];
    let clock = 0;
    const print = progressPrinter(
      (l) => lines.push(l),
      2000,
      () => clock,
    );
    times.forEach((t, i) => {
      clock = t;
      print({
        files: i + 1,
        totalFiles: times.length,
        bytes: (i + 1) * MB,
        totalBytes: times.length * MB,
      });
    });
    return lines;
  };

  it('says nothing during a short run', () => {
    expect(run([100, 200, 300])).toEqual([]);
  });

  it('prints a line every two seconds of a long run, and the end', () => {
    expect(run([500, 2100, 3000, 4200, 4300])).toEqual([
      'verify: 2/5 files, 2.0 MB of 5.0 MB (40 %)',
      'verify: 4/5 files, 4.0 MB of 5.0 MB (80 %)',
      'verify: 5/5 files, 5.0 MB of 5.0 MB (100 %)',
    ]);
  });
});

describe('describeReport', () => {
  it('names each missing or altered file and every version that used it', () => {
    const report: VerifyReport = {
      files: 3,
      versions: 4,
      bytes: 3 * 1024 * 1024,
      problems: [
        {
          kind: 'altered',
          sha256: 'a'.repeat(64),
          expectedSize: 10,
          found: { sha256: 'b'.repeat(64), size: 12 },
          versions: [{ evidenceId: 'e1', title: 'SK Tim SMM', unitCode: 'SETDA', number: 2 }],
        },
        {
          kind: 'missing',
          sha256: 'c'.repeat(64),
          expectedSize: 7,
          versions: [{ evidenceId: 'e2', title: 'SOP SP2D', unitCode: 'BKD', number: 1 }],
        },
      ],
    };
    expect(describeReport(report)).toEqual([
      'Checked 3 stored file(s), 3.0 MB, used by 4 evidence version(s).',
      `ALTERED  ${'a'.repeat(64)} (10 bytes): now 12 bytes with SHA-256 ${'b'.repeat(64)}`,
      '         SETDA: "SK Tim SMM" version 2 (evidence e1)',
      `MISSING  ${'c'.repeat(64)} (7 bytes)`,
      '         BKD: "SOP SP2D" version 1 (evidence e2)',
      '2 problem(s): 1 missing, 1 altered. Restore them from a backup.',
    ]);
  });
});
