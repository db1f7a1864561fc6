import { parseArgs } from 'node:util';

/** One option of a command: a flag (boolean) or an option that takes a value (string). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help, e.g. FILE. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Usage lines after `npm run mutu -- `, e.g. `restore FILE [--data-dir DIR] [--force]`. */
  usage: string[];
  options: Record<string, OptionSpec>;
  /** More for the command's own help than the one-line summary of the command list. */
  details?: string;
  /** Positional arguments: how many, and their name for messages (none by default). */
  positionals?: { min: number; max: number; name: string };
}

export type ParsedValues = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
  values: ParsedValues;
  positionals: string[];
}

/** The command line was refused; the message names the flag or argument at fault. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const PROGRAM = 'npm run mutu --';

function quoted(message: string): string {
  return /'([^']+)'/.exec(message)?.[1]?.replace(/ <value>$/, '') ?? message;
}

/** Node's parseArgs errors as one short line naming the flag. */
function usageErrorOf(error: unknown): UsageError {
  const e = error as { code: string; message: string };
  const what = quoted(e.message);
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${what}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument ${what}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(e.message))
        return new UsageError(`option ${what} takes no value`);
      return new UsageError(`option ${what} needs a value (e.g. ${what}=VALUE)`);
    default:
      return new UsageError(e.message);
  }
}

/**
 * Parses a command's arguments with node:util parseArgs in strict mode: `--out=x` and `--out x`
 * both work; an unknown flag, a missing value (`--out --lang en` does not take `--lang` as the
 * value) or an extra argument is a UsageError naming it. `--help`/`-h` is accepted by every command.
 */
export function parseCommandArgs(spec: CommandSpec, args: string[]): ParsedArgs | 'help' {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [
      name,
      o.short ? { type: o.type, short: o.short } : { type: o.type },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: (spec.positionals?.max ?? 0) > 0,
    });
  } catch (error) {
    throw usageErrorOf(error);
  }
  if (parsed.values.help) return 'help';
  const { min, max, name } = spec.positionals ?? { min: 0, max: 0, name: '' };
  if (parsed.positionals.length > max)
    throw new UsageError(`unexpected argument ${parsed.positionals[max]}`);
  if (parsed.positionals.length < min) throw new UsageError(`missing argument ${name}`);
  const values = parsed.values as ParsedValues;
  delete values.help;
  return { values, positionals: parsed.positionals };
}

export function commandHelp(spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '';
    return [
      `${short}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
      o.description,
    ];
  });
  flags.push(['-h, --help', 'show this help']);
  const width = Math.max(...flags.map(([f]) => f.length));
  return [
    ...spec.usage.map((u, i) => `${i === 0 ? 'Usage:' : '      '} ${PROGRAM} ${u}`),
    '',
    spec.summary,
    ...(spec.details ? ['', spec.details] : []),
    '',
    'Options:',
    ...flags.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
  ].join('\n');
}

/** The line printed for a refused command line (exit code 2). */
export function usageErrorLine(spec: CommandSpec, error: UsageError): string {
  return `mutu ${spec.name}: ${error.message} (see: ${PROGRAM} ${spec.name} --help)`;
}
