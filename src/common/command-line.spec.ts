import {
  commandHelp,
  parseCommandArgs,
  UsageError,
  usageErrorLine,
  type CommandSpec,
} from './command-line.js';

const render: CommandSpec = {
  name: 'render',
  summary: 'render reports',
  usage: ['render --organisation CODE --out FOLDER [--lang en]'],
  options: {
    organisation: { type: 'string', value: 'CODE', description: 'the organisation' },
    out: { type: 'string', value: 'FOLDER', description: 'where to' },
    lang: { type: 'string', description: 'language' },
    force: { type: 'boolean', description: 'overwrite' },
  },
};
const restore: CommandSpec = {
  name: 'restore',
  summary: 'restore',
  usage: ['restore FILE'],
  options: { force: { type: 'boolean', description: 'replace' } },
  positionals: { min: 1, max: 1, name: 'FILE' },
};

const refusal = (spec: CommandSpec, args: string[]): string => {
  try {
    parseCommandArgs(spec, args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${args.join(' ')}`);
};

describe('parseCommandArgs', () => {
  it.each([
    [['--out', 'x'], { out: 'x' }],
    [['--out=x'], { out: 'x' }],
    [['--out=--lang'], { out: '--lang' }],
    [
      ['--organisation', 'kota-kupang', '--out=./o', '--lang', 'en', '--force'],
      { organisation: 'kota-kupang', out: './o', lang: 'en', force: true },
    ],
    [[], {}],
  ])('%j gives %j', (args, values) => {
    expect(parseCommandArgs(render, args)).toEqual({ values, positionals: [] });
  });

  it.each([
    [render, ['--dmo'], 'unknown option --dmo'],
    [render, ['-x'], 'unknown option -x'],
    [render, ['--out', '--lang', 'en'], 'option --out needs a value'],
    [render, ['--out'], 'option --out needs a value'],
    [render, ['--force=yes'], 'option --force takes no value'],
    [render, ['extra'], 'unexpected argument extra'],
    [restore, [], 'missing argument FILE'],
    [restore, ['a.tar.gz', 'b.tar.gz'], 'unexpected argument b.tar.gz'],
  ])('%# refuses %j: %s', (spec, args, message) => {
    expect(refusal(spec, args)).toContain(message);
  });

  it('takes positionals where the command has them, and --help or -h anywhere', () => {
    expect(parseCommandArgs(restore, ['a.tar.gz', '--force'])).toEqual({
      values: { force: true },
      positionals: ['a.tar.gz'],
    });
    expect(parseCommandArgs(render, ['--out', 'x', '--help'])).toBe('help');
    expect(parseCommandArgs(restore, ['-h'])).toBe('help');
  });

  it('writes a help listing every option and a refusal line pointing at it', () => {
    const help = commandHelp(render);
    expect(help).toContain(
      'Usage: npm run mutu -- render --organisation CODE --out FOLDER [--lang en]',
    );
    expect(help).toMatch(/--out FOLDER\s+where to/);
    expect(help).toMatch(/--force\s+overwrite/);
    expect(help).toMatch(/-h, --help\s+show this help/);
    expect(usageErrorLine(render, new UsageError('unknown option --dmo'))).toBe(
      'mutu render: unknown option --dmo (see: npm run mutu -- render --help)',
    );
  });
});
