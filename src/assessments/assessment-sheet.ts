import { LANGUAGES, translate, type Language } from '../i18n/i18n.js';
import { RATINGS, type Rating } from './assessment-types.js';
import { checkRating, type RatingProblem, type RatingValues } from './rating-rules.js';

/**
 * The clause table as a spreadsheet: column headers and labels in the caller's language, the
 * parsing of an edited sheet back into ratings, and CSV text. Pure: no database, no workbook.
 */

export const CLAUSE_COLUMNS = [
  'number',
  'title',
  'applicable',
  'justification',
  'rating',
  'note',
] as const;

export const FINDING_COLUMNS = [
  'reference',
  'clause',
  'grade',
  'state',
  'statement',
  'objectiveEvidence',
  'correction',
  'rootCause',
  'action',
  'owner',
  'dueOn',
  'overdue',
] as const;

export const clauseHeaders = (lang: Language): string[] =>
  CLAUSE_COLUMNS.map((c) => translate(lang, `export.clauses.${c}`));

export const findingHeaders = (lang: Language): string[] =>
  FINDING_COLUMNS.map((c) => translate(lang, `export.findings.${c}`));

export const yesNo = (value: boolean, lang: Language): string =>
  translate(lang, value ? 'export.yes' : 'export.no');

export const ratingLabel = (rating: Rating, lang: Language): string =>
  translate(lang, `rating.${rating}`);

const normal = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** The language whose headers the sheet's first row carries, or null when the columns are wrong. */
export function headerLanguage(found: readonly string[]): Language | null {
  return (
    LANGUAGES.find((lang) =>
      clauseHeaders(lang).every((h, i) => normal(found[i] ?? '') === normal(h)),
    ) ?? null
  );
}

/** Yes/no in either language (and true/false, 1/0); undefined when it is neither. */
export function parseApplicable(text: string): boolean | undefined {
  const t = normal(text);
  const yes = ['true', '1', ...LANGUAGES.map((l) => normal(yesNo(true, l)))];
  const no = ['false', '0', ...LANGUAGES.map((l) => normal(yesNo(false, l)))];
  if (yes.includes(t)) return true;
  if (no.includes(t)) return false;
  return undefined;
}

/** A rating by its code or its label in either language; null when blank, undefined when unknown. */
export function parseRating(text: string): Rating | null | undefined {
  const t = normal(text);
  if (!t) return null;
  return RATINGS.find(
    (r) => t === r || LANGUAGES.some((lang) => t === normal(ratingLabel(r, lang))),
  );
}

export interface SheetRow {
  /** The spreadsheet's own row number (the header is row 1). */
  row: number;
  /** Cell texts in CLAUSE_COLUMNS order. */
  cells: string[];
}

export type ImportReason =
  | 'clause_missing'
  | 'clause_unknown'
  | 'clause_not_leaf'
  | 'clause_duplicate'
  | 'applicable_invalid'
  | 'rating_invalid'
  | 'rating_missing'
  | 'not_applicable_rated'
  | 'justification_required'
  | 'text_too_long';

export interface ImportRefusal {
  row: number;
  clause: string | null;
  reason: ImportReason;
}

export interface ImportPlan {
  changes: { row: number; clause: string; values: RatingValues }[];
  refused: ImportRefusal[];
}

const REASON_OF: Record<RatingProblem['rule'], ImportReason> = {
  isDefined: 'rating_missing',
  justificationRequired: 'justification_required',
  notApplicableRated: 'not_applicable_rated',
  maxLength: 'text_too_long',
};

/**
 * Reads rating rows against the catalogue, collecting every refusal (a row may have several).
 * Blank rows are skipped; rows not listed leave their clause as it is. The title column is
 * informative and ignored.
 */
export function planImport(
  rows: readonly SheetRow[],
  clauses: readonly { number: string; isLeaf: boolean }[],
): ImportPlan {
  const byNumber = new Map(clauses.map((c) => [c.number, c]));
  const seen = new Set<string>();
  const plan: ImportPlan = { changes: [], refused: [] };
  for (const { row, cells } of rows) {
    const [number = '', , applicableText = '', justification = '', ratingText = '', note = ''] =
      cells.map((c) => c.trim());
    if (cells.every((c) => !c.trim())) continue;
    const refuse = (reason: ImportReason) =>
      plan.refused.push({ row, clause: number || null, reason });
    const clause = byNumber.get(number);
    if (!number) refuse('clause_missing');
    else if (!clause) refuse('clause_unknown');
    else if (!clause.isLeaf) refuse('clause_not_leaf');
    else if (seen.has(number)) refuse('clause_duplicate');
    if (number) seen.add(number);
    const applicable = parseApplicable(applicableText);
    const rating = parseRating(ratingText);
    if (applicable === undefined) refuse('applicable_invalid');
    if (rating === undefined) refuse('rating_invalid');
    if (applicable === undefined || rating === undefined) continue;
    const check = checkRating({ applicable, rating, justification, note });
    if (!check.ok) {
      for (const reason of new Set(check.problems.map((p) => REASON_OF[p.rule]))) refuse(reason);
      continue;
    }
    if (clause?.isLeaf && !plan.refused.some((r) => r.row === row))
      plan.changes.push({ row, clause: number, values: check.values });
  }
  return plan;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * CSV as Indonesian Excel opens it by double-click: UTF-8 with a byte-order mark (or accents break),
 * semicolons between fields (the comma is the decimal separator there), CRLF line ends. A text
 * starting like a formula is prefixed with an apostrophe so that the spreadsheet shows it, not runs it.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  const field = (value: string | number | null): string => {
    let text = value === null ? '' : String(value);
    if (FORMULA_START.test(text)) text = `'${text}`;
    return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const body = rows.map((r) => r.map(field).join(';')).join('\r\n');
  return Buffer.from(`\uFEFF${body}\r\n`, 'utf8');
}
