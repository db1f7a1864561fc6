import { SurveyError } from '../satisfaction/survey-errors.js';
import { readCsvTable, readXlsxTable } from '../satisfaction/survey-import.js';
import type { TableRow } from '../satisfaction/survey-sheet.js';
import {
  COMPLAINT_FIELDS,
  resolveMapping,
  type ComplaintMapping,
  type ResolvedMapping,
} from './complaint-mapping.js';
import {
  ComplaintError,
  ComplaintMappingIncomplete,
  ComplaintRowsRefused,
} from './complaint-errors.js';
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
    if (error instanceof SurveyError && error.code === 'survey_not_readable')
      throw new ComplaintError('complaint_not_readable', { type });
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
): ReadLog {
  const headers = (table[0]?.cells ?? []).map((c) => c.trim());
  if (headers.every((h) => h === '') || table.length < 2)
    throw new ComplaintError('complaint_log_empty');
  const resolved = resolveMapping(headers, requested, saved);
  if (resolved.problems.length > 0 || resolved.missing.length > 0)
    throw new ComplaintMappingIncomplete(
      resolved,
      headers.filter((h) => h !== ''),
    );
  const { rows, refused } = readComplaintRows(table, resolved.mapping);
  if (refused.length > 0) throw new ComplaintRowsRefused(refused);
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
