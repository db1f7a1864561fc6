import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../auth/role.js';
import { CORRECTIVE_ACTION_FIELDS } from '../findings/finding-lifecycle.js';
import { FINDING_STATES } from '../findings/finding-types.js';
import { BLOCKER_KINDS } from '../readiness/blocker-kinds.js';
import { blockerKeys } from '../readiness/blocker-texts.js';
import type { BlockerCode } from '../readiness/readiness.js';
import { projectRoot } from '../config/project-root.js';
import { pathToFileURL } from 'node:url';

/**
 * Every error code the code can throw has a text in both languages: the exception filter
 * translates `error.<code>`, and a missing key would show the user the bare key. Each module
 * declares its codes in its `*-errors.ts` (a `domainErrors({code: status})` table, typed classes
 * beside it), and no other file makes a refusal from a bare string; the codes of the typed classes
 * and of common/ are read from the source, so a new code without texts fails here.
 */
const root = projectRoot();
const catalogue = (lang: string): Record<string, string> =>
  JSON.parse(readFileSync(join(root, 'templates', 'locales', `${lang}.json`), 'utf8')) as Record<
    string,
    string
  >;

const files = readdirSync(join(root, 'src'), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
  .filter((e) => e.name !== 'openapi-metadata.ts' && !e.name.endsWith('.fixture.ts'))
  .map((e) => ({ path: join(e.parentPath, e.name), name: e.name }));
const sources = files.map((f) => readFileSync(f.path, 'utf8'));

/** Each module's table of codes: the `codes` of every class its `*-errors.ts` exports. */
const families = new Map<string, readonly string[]>();
for (const file of files.filter((f) => f.name.endsWith('-errors.ts')))
  for (const [name, value] of Object.entries(
    (await import(pathToFileURL(file.path).href)) as Record<string, unknown>,
  ))
    if (typeof value === 'function' && Array.isArray((value as { codes?: unknown }).codes))
      families.set(name, (value as unknown as { codes: string[] }).codes);
const familyCodes = new Set([...families.values()].flat());

const CODE = "'([a-z][a-z0-9_]*)'";
const THROWN = [
  // new Conflict('code', …), new RuleViolation('code', …), new Forbidden('code'), new Unauthorized('code')
  new RegExp(`new (?:Conflict|RuleViolation|Forbidden|Unauthorized)\\(\\s*${CODE}`, 'g'),
  // new DomainError(409, 'code', …) and super(409, 'code', …) in the subclasses
  new RegExp(`(?:new DomainError|super)\\(\\s*\\d{3},\\s*${CODE}`, 'g'),
  // super('code', …) in the typed errors that extend Conflict or RuleViolation
  new RegExp(`super\\(\\s*${CODE}`, 'g'),
  // super(400, kind === 'id' ? 'invalid_id' : 'invalid_code', …)
  new RegExp(`super\\(\\s*\\d{3},\\s*[^,]*\\?\\s*${CODE}\\s*:\\s*${CODE}`, 'g'),
];
// constructor(code: 'forbidden' | 'account_disabled' | … = 'forbidden'), in DomainError subclasses
const CODE_UNION = /\bcode:\s*((?:\|?\s*'[a-z_]+'\s*)+)/g;
// The filter's own codes for Nest's HttpExceptions and for anything unexpected.
const FILTER_CODES = /^\s+\d{3}: '([a-z_]+)',$/gm;

function thrownCodes(): Set<string> {
  // Each module's declared codes (`as const` lists beside its typed errors).
  const codes = new Set<string>(['internal', 'bad_request', ...familyCodes]);
  for (const source of sources) {
    for (const re of THROWN)
      for (const m of source.matchAll(re)) for (const c of m.slice(1)) if (c) codes.add(c);
    if (source.includes('extends DomainError'))
      for (const m of source.matchAll(CODE_UNION))
        for (const c of m[1].matchAll(/'([a-z_]+)'/g)) codes.add(c[1]);
  }
  const filter = readFileSync(join(root, 'src', 'common', 'all-exceptions.filter.ts'), 'utf8');
  for (const m of filter.matchAll(FILTER_CODES)) codes.add(m[1]);
  return codes;
}

describe('error texts', () => {
  const codes = [...thrownCodes()].sort();

  it('finds the codes the code throws', () => {
    // The scan itself must keep working: codes from each kind of throw site are among them.
    expect(codes.length).toBeGreaterThan(40);
    for (const known of [
      'not_found', // super(404, 'not_found') in NotFound
      'invalid_code', // the ternary in InvalidParameter
      'out_of_scope', // the code union of Forbidden
      'transition_role_not_allowed', // super(403, …) across lines
      'corrective_action_locked', // a module's table (FindingError)
      'clause_not_leaf', // super('…') in a typed error (ClauseNotLeaf)
      'note_required', // super('…') in a typed error (TransitionNoteRequired)
      'route_not_found', // the filter's HTTP codes
    ])
      expect(codes).toContain(known);
  });

  it('reads the table of codes of every module', () => {
    // A table's class is exported from its module's *-errors.ts (a subclass keeps its codes).
    expect(families.get('DocumentError')).toContain('document_number_taken');
    for (const family of ['AssessmentError', 'ImportError', 'SurveyError', 'ComplaintError'])
      expect(families.get(family)?.length).toBeGreaterThan(0);
    for (const code of ['import_refused', 'survey_rows_refused', 'review_inputs_not_discussed'])
      expect(codes).toContain(code);
  });

  it('has one table for each code', () => {
    const tables = [...new Set([...families.values()])];
    const all = tables.flat();
    expect(all.filter((c, i) => all.indexOf(c) !== i)).toEqual([]);
  });

  it('makes refusals only of typed errors outside common/', () => {
    // `new Conflict('…')` in a service would bypass the tables above.
    const bare = /new (?:DomainError|Conflict|RuleViolation)\(/;
    expect(
      files
        .filter((f, i) => !f.path.startsWith(join(root, 'src', 'common')) && bare.test(sources[i]))
        .map((f) => f.name),
    ).toEqual([]);
  });

  it.each(['id', 'en'])('every code that can be thrown has a text in %s', (lang) => {
    const messages = catalogue(lang);
    expect(codes.filter((c) => !(`error.${c}` in messages))).toEqual([]);
  });

  // The words typed errors name (DomainError.translated): every value of each has a text.
  const WORDS: [string, readonly string[]][] = [
    ['finding_state', FINDING_STATES],
    ['role', ROLES],
    ['corrective_action', CORRECTIVE_ACTION_FIELDS],
    ['list', ['none']],
  ];
  it.each(['id', 'en'])('every word a typed error names has a text in %s', (lang) => {
    const messages = catalogue(lang);
    const keys = WORDS.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`));
    expect(keys.filter((k) => !(k in messages))).toEqual([]);
  });

  it('knows every prefix a typed error translates', () => {
    const prefixes = new Set(
      sources.flatMap((source) =>
        [...source.matchAll(/translated = \{([^}]*)\}/g)].flatMap((m) =>
          [...m[1].matchAll(/:\s*'([a-z_]+)'/g)].map((p) => p[1]),
        ),
      ),
    );
    expect([...prefixes].filter((p) => p !== 'entity' && !WORDS.some(([w]) => w === p))).toEqual(
      [],
    );
    expect(prefixes).toContain('finding_state');
  });
});

describe('blocker texts', () => {
  // BLOCKER_KINDS is a Record over BlockerCode: the compiler keeps it complete.
  const codes = Object.keys(BLOCKER_KINDS) as BlockerCode[];
  const keys = codes.flatMap((code) => blockerKeys(code));

  it('knows the keys each kind needs', () => {
    expect(codes).toContain('documented_information_missing');
    expect(keys).toEqual(
      expect.arrayContaining([
        'blocker.major_open',
        'blocker.internal_audit_missing.none',
        'blocker.documented_information_missing.grouped',
      ]),
    );
  });

  it.each(['id', 'en'])('every blocker code has its texts in %s', (lang) => {
    const messages = catalogue(lang);
    // A key written in plural forms needs at least its `other` form.
    expect(keys.filter((k) => !(k in messages) && !(`${k}.other` in messages))).toEqual([]);
  });

  it('has no blocker text for a code that does not exist', () => {
    for (const lang of ['id', 'en'])
      expect(
        Object.keys(catalogue(lang))
          .filter((k) => k.startsWith('blocker.'))
          .filter((k) => !keys.some((known) => k === known || k.startsWith(`${known}.`))),
      ).toEqual([]);
  });
});
