import { ELEMENT_CODES, ELEMENTS, matchElement, normalName, type ElementCode } from './elements.js';
import { parseDecimal, type Fraction, type Questionnaire } from './ikm.js';

/**
 * A survey file read into questionnaires or published aggregates. Pure: it gets the table (the
 * first row is the header) and says, by line number, what it refuses.
 *
 * Questionnaires: one column per element, named (any order, Indonesian names or common short
 * forms), one row per respondent with answers 1–4; optional columns: respondent number, service,
 * sex, age, education, occupation, date.
 *
 * Aggregates: two columns "Unsur" and "NRR", one row per element with its NRR, a row "Jumlah
 * responden" with the number of respondents and optionally a row "IKM" with the published index.
 */

export interface TableRow {
  /** Line (CSV) or row (XLSX) number, 1 = the header. */
  line: number;
  cells: string[];
}

export const PROFILE_FIELDS = ['sex', 'age', 'education', 'occupation'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

const META_COLUMNS: Record<string, 'ignore' | 'service' | ProfileField> = {};
const meta = (kind: 'ignore' | 'service' | ProfileField, names: string[]) => {
  for (const n of names) META_COLUMNS[normalName(n)] = kind;
};
meta('ignore', [
  'No',
  'No.',
  'Nomor',
  'No Resp',
  'No. Responden',
  'Responden',
  'Nomor responden',
  'Respondent',
  'Tanggal',
  'Tanggal survei',
  'Date',
  'Waktu survei',
  'Jam',
]);
meta('service', [
  'Layanan',
  'Jenis layanan',
  'Nama layanan',
  'Jenis pelayanan',
  'Pelayanan',
  'Service',
]);
meta('sex', ['Jenis kelamin', 'JK', 'L/P', 'Sex', 'Gender']);
meta('age', ['Usia', 'Umur', 'Kelompok umur', 'Kelompok usia', 'Age', 'Age band']);
meta('education', ['Pendidikan', 'Pendidikan terakhir', 'Education']);
meta('occupation', ['Pekerjaan', 'Occupation']);

const AGG_ELEMENT = new Set(['unsur', 'unsur pelayanan', 'element', 'elements'].map(normalName));
const AGG_NRR = new Set(
  ['nrr', 'nilai', 'nilai rata rata', 'nrr per unsur', 'nrr unsur'].map(normalName),
);
const AGG_RESPONDENTS = new Set(
  ['jumlah responden', 'responden', 'respondents', 'number of respondents'].map(normalName),
);
const AGG_IKM = new Set(
  ['ikm', 'nilai ikm', 'ikm unit pelayanan', 'indeks kepuasan masyarakat'].map(normalName),
);

export type HeaderProblem =
  | { reason: 'element_unknown'; column: string }
  | { reason: 'element_numbered_only'; column: string }
  | { reason: 'element_duplicate'; column: string; element: ElementCode }
  | { reason: 'element_missing'; element: ElementCode };

export type RowReason =
  | 'answer_blank'
  | 'answer_not_a_number'
  | 'answer_out_of_range'
  | 'nrr_invalid'
  | 'respondents_invalid'
  | 'ikm_invalid'
  | 'row_unknown'
  | 'element_duplicate';

export interface RowRefusal {
  line: number;
  /** The element concerned, when there is one. */
  element: ElementCode | null;
  /** The text found in the cell. */
  value: string;
  reason: RowReason;
}

export type Profile = Record<ProfileField, Record<string, number>>;

export type ParsedSurvey =
  | { kind: 'header_refused'; problems: HeaderProblem[] }
  | { kind: 'rows_refused'; refused: RowRefusal[] }
  | { kind: 'empty' }
  | { kind: 'questionnaires'; rows: Questionnaire[]; profile: Profile }
  | {
      kind: 'aggregate';
      respondents: number;
      nrr: Record<ElementCode, Fraction>;
      reportedIkm: Fraction | null;
    };

const blank = (row: TableRow): boolean => row.cells.every((c) => c.trim() === '');

export function parseSurvey(table: readonly TableRow[]): ParsedSurvey {
  const [header, ...body] = table;
  if (!header) return { kind: 'empty' };
  const rows = body.filter((r) => !blank(r));
  const named = header.cells.map((c) => c.trim());
  const filled = named.filter((c) => c !== '');
  if (
    filled.length === 2 &&
    AGG_ELEMENT.has(normalName(named[0] ?? '')) &&
    AGG_NRR.has(normalName(named[1] ?? ''))
  )
    return parseAggregate(rows);
  return parseQuestionnaires(named, rows);
}

function parseQuestionnaires(headers: string[], rows: TableRow[]): ParsedSurvey {
  const problems: HeaderProblem[] = [];
  const columns: (
    { kind: 'element'; code: ElementCode } | { kind: 'ignore' | 'service' | ProfileField }
  )[] = [];
  const seen = new Set<ElementCode>();
  headers.forEach((column, i) => {
    if (column === '') {
      // An unnamed column is allowed only when it is empty (Excel's trailing columns).
      const used = rows.some((r) => (r.cells[i] ?? '').trim() !== '');
      if (used) problems.push({ reason: 'element_unknown', column: `#${i + 1}` });
      columns.push({ kind: 'ignore' });
      return;
    }
    const metaKind = META_COLUMNS[normalName(column)];
    if (metaKind) {
      columns.push({ kind: metaKind });
      return;
    }
    const match = matchElement(column);
    if (match.kind === 'element') {
      if (seen.has(match.code))
        problems.push({ reason: 'element_duplicate', column, element: match.code });
      seen.add(match.code);
      columns.push(match);
      return;
    }
    problems.push({
      reason: match.kind === 'numbered_only' ? 'element_numbered_only' : 'element_unknown',
      column,
    });
    columns.push({ kind: 'ignore' });
  });
  for (const e of ELEMENTS)
    if (!seen.has(e.code)) problems.push({ reason: 'element_missing', element: e.code });
  if (problems.length > 0) return { kind: 'header_refused', problems };
  if (rows.length === 0) return { kind: 'empty' };

  const refused: RowRefusal[] = [];
  const questionnaires: Questionnaire[] = [];
  const profile = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, {}])) as Profile;
  for (const row of rows) {
    const answers = {} as Record<ElementCode, number>;
    let service: string | null = null;
    let ok = true;
    const attributes: [ProfileField, string][] = [];
    columns.forEach((col, i) => {
      const value = (row.cells[i] ?? '').trim();
      if (col.kind === 'element') {
        const reason = answerProblem(value);
        if (reason) {
          refused.push({ line: row.line, element: col.code, value, reason });
          ok = false;
        } else answers[col.code] = Number(value);
      } else if (col.kind === 'service') service = value === '' ? null : value.slice(0, 200);
      else if (col.kind !== 'ignore' && value !== '')
        attributes.push([col.kind, value.slice(0, 100)]);
    });
    if (!ok) continue;
    questionnaires.push({ service, answers });
    for (const [field, value] of attributes)
      profile[field][value] = (profile[field][value] ?? 0) + 1;
  }
  if (refused.length > 0) return { kind: 'rows_refused', refused };
  return { kind: 'questionnaires', rows: questionnaires, profile };
}

/** Why an answer cell is refused, or null when it is an answer 1–4. */
export function answerProblem(value: string): RowReason | null {
  if (value === '') return 'answer_blank';
  if (!/^[+-]?\d+([.,]\d+)?$/.test(value)) return 'answer_not_a_number';
  return /^[1-4]([.,]0+)?$/.test(value) ? null : 'answer_out_of_range';
}

function parseAggregate(rows: TableRow[]): ParsedSurvey {
  const refused: RowRefusal[] = [];
  const nrr: Partial<Record<ElementCode, Fraction>> = {};
  let respondents: number | null = null;
  let reportedIkm: Fraction | null = null;
  for (const row of rows) {
    const label = (row.cells[0] ?? '').trim();
    const value = (row.cells[1] ?? '').trim();
    const key = normalName(label);
    if (AGG_RESPONDENTS.has(key)) {
      if (/^\d{1,7}$/.test(value) && Number(value) > 0) respondents = Number(value);
      else refused.push({ line: row.line, element: null, value, reason: 'respondents_invalid' });
      continue;
    }
    if (AGG_IKM.has(key)) {
      const f = parseDecimal(value);
      if (f && f.num * 1n >= 25n * f.den && f.num <= 100n * f.den) reportedIkm = f;
      else refused.push({ line: row.line, element: null, value, reason: 'ikm_invalid' });
      continue;
    }
    const match = matchElement(label);
    if (match.kind !== 'element') {
      refused.push({ line: row.line, element: null, value: label, reason: 'row_unknown' });
      continue;
    }
    if (nrr[match.code]) {
      refused.push({
        line: row.line,
        element: match.code,
        value: label,
        reason: 'element_duplicate',
      });
      continue;
    }
    const f = parseDecimal(value);
    if (!f || f.num < f.den || f.num > 4n * f.den)
      refused.push({ line: row.line, element: match.code, value, reason: 'nrr_invalid' });
    else nrr[match.code] = f;
  }
  const problems: HeaderProblem[] = ELEMENT_CODES.filter(
    (c) => !nrr[c] && !refused.some((r) => r.element === c),
  ).map((element) => ({ reason: 'element_missing', element }));
  if (problems.length > 0 && refused.length === 0) return { kind: 'header_refused', problems };
  if (respondents === null && !refused.some((r) => r.reason === 'respondents_invalid'))
    refused.push({
      line: (rows.at(-1)?.line ?? 1) + 1,
      element: null,
      value: '',
      reason: 'respondents_invalid',
    });
  if (refused.length > 0) return { kind: 'rows_refused', refused };
  return {
    kind: 'aggregate',
    respondents: respondents!,
    nrr: nrr as Record<ElementCode, Fraction>,
    reportedIkm,
  };
}

/**
 * CSV text (RFC 4180 quoting) into rows with their line numbers. The separator is the one the
 * header uses most: semicolon (Indonesian Excel), comma or tab. A byte-order mark is dropped.
 */
export function parseCsv(text: string): TableRow[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const sep = [';', ',', '\t'].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ';');
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(field);
      rows.push({ line: rowLine, cells });
      cells = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

/** `YYYY`, `YYYY-S1` or `YYYY-S2`, with the first and last day it covers; null when malformed. */
export function parsePeriod(period: string): { startsOn: string; endsOn: string } | null {
  const m = /^(\d{4})(?:-S([12]))?$/.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (!m[2]) return { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
  return m[2] === '1'
    ? { startsOn: `${year}-01-01`, endsOn: `${year}-06-30` }
    : { startsOn: `${year}-07-01`, endsOn: `${year}-12-31` };
}
