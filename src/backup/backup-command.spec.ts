import { byteProgressPrinter } from './backup-command.js';

describe('byteProgressPrinter', () => {
  const MB = 1024 * 1024;
  const run = (tty: boolean, times: number[]): string[] => {
    const out: string[] = [];
    let clock = 0;
    const p = byteProgressPrinter(
      'backup',
      (t) => out.push(t),
      tty,
      2000,
      () => clock,
    );
    times.forEach((t, i) => {
      clock = t;
      p.update({ bytes: (i + 1) * MB, totalBytes: times.length * MB });
    });
    p.end();
    return out;
  };

  it('says nothing during a short run', () => {
    expect(run(false, [100, 200])).toEqual([]);
    expect(run(true, [50, 100])).toEqual([]);
  });

  it('prints a line every two seconds to a file or pipe', () => {
    expect(run(false, [500, 2100, 3000, 4200])).toEqual([
      'backup: 2.0 MB of 4.0 MB (50 %)\n',
      'backup: 4.0 MB of 4.0 MB (100 %)\n',
    ]);
  });

  it('redraws one line in place on a terminal', () => {
    expect(run(true, [300, 400, 700])).toEqual([
      '\rbackup: 1.0 MB of 3.0 MB (33 %)\x1b[K',
      '\rbackup: 3.0 MB of 3.0 MB (100 %)\x1b[K',
      '\n',
    ]);
  });
});
