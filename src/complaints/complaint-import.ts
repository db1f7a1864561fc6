import { DomainError, RuleViolation } from '../common/domain-error.js';
import { translate, type Language } from '../i18n/i18n.js';
import { readCsvTable, readXlsxTable } from '../satisfaction/survey-import.js';
import type { TableRow } from '../satisfaction/survey-sheet.js';
import {
  COMPLAINT_FIELDS,
  resolveMapping,
  type ComplaintMapping,
  type ResolvedMapping,
} from './complaint-mapping.js';
import { readComplaintRows, type ComplaintRow } from './complaint-rows.js';

/** Upload limit of a complaint log (a year of a busy unit's LAPOR! export is far below it). */
export const COMPLAINT_LIMIT_BYTES = 5 * 1024 * 1024;

export type ComplaintFileType = 'csv' | 'xlsx';

/** A log file's rows: the same readers and archive checks as the survey import. */
export async function readComplaintTable(
  bytes: Buffer,
  type: ComplaintFileType,
): Promise<TableRow[]> {
  try {
    return type === 'csv' ? readCsvTable(bytes) : await readXlsxTable(bytes);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'survey_not_readable')
      throw new DomainError(400, 'complaint_not_readable', { type });
    throw error;
  }
}

export interface ReadLog {
  resolved: ResolvedMapping;
  headers: string[];
  rows: ComplaintRow[];
}

/**
 * The rows of a log through its mapping, all or nothing: a mapping that names a missing or a
 * personal column, or lacks a required field, is a 422 carrying the headers and the proposed
 * mapping (what the confirmation screen shows); refused rows a 422 listing each by line.
 */
export function readLog(
  table: TableRow[],
  requested: Partial<ComplaintMapping> | null,
  saved: Partial<ComplaintMapping> | null,
  lang: Language,
): ReadLog {
  const headers = (table[0]?.cells ?? []).map((c) => c.trim());
  if (headers.every((h) => h === '') || table.length < 2)
    throw new DomainError(400, 'complaint_log_empty');
  const resolved = resolveMapping(headers, requested, saved);
  if (resolved.problems.length > 0 || resolved.missing.length > 0) {
    const problems = [
      ...resolved.problems.map((p) => ({
        ...p,
        message: translate(lang, `complaint.mapping.${p.reason}`, {
          field: translate(lang, `complaint.field.${p.field}`),
          column: p.column,
        }),
      })),
      ...resolved.missing.map((field) => ({
        field,
        column: null,
        reason: 'field_unmapped' as const,
        message: translate(lang, 'complaint.mapping.field_unmapped', {
          field: translate(lang, `complaint.field.${field}`),
        }),
      })),
    ];
    throw new RuleViolation(
      'complaint_mapping_incomplete',
      { problems: problems.map((p) => p.message).join('; ') },
      { problems, headers: headers.filter((h) => h !== ''), proposed: resolved.mapping },
    );
  }
  const { rows, refused } = readComplaintRows(table, resolved.mapping);
  if (refused.length > 0) {
    const details = refused.map((r) => ({
      ...r,
      message: translate(lang, `complaint.refused.${r.reason}`, {
        line: r.line,
        field: translate(lang, `complaint.field.${r.field}`),
        value: r.value,
      }),
    }));
    throw new RuleViolation(
      'complaint_rows_refused',
      { count: details.length },
      { refused: details },
    );
  }
  return { resolved, headers, rows };
}

/** A mapping from the query's per-field headers, or null when the query names none. */
export function requestedMapping(
  query: Partial<Record<(typeof COMPLAINT_FIELDS)[number], string>>,
): Partial<ComplaintMapping> | null {
  const named = COMPLAINT_FIELDS.filter((f) => query[f] !== undefined);
  if (named.length === 0) return null;
  return Object.fromEntries(
    COMPLAINT_FIELDS.map((f) => [f, query[f]?.trim() ? query[f].trim() : null]),
  );
}
