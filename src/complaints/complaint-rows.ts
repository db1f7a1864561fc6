import { isIsoDay } from '../common/dates.js';
import { normalName } from '../satisfaction/elements.js';
import type { TableRow } from '../satisfaction/survey-sheet.js';
import {
  COMPLAINT_FIELDS,
  type ComplaintField,
  type ComplaintMapping,
} from './complaint-mapping.js';

/**
 * Complaint log rows read through a confirmed mapping, all or nothing: every refusal is listed
 * with its line, field and reason. Only the mapped columns are read; personal data columns are
 * never mapped (complaint-mapping.ts), so they never leave this function.
 */

export type ComplaintStatus = 'open' | 'in_progress' | 'resolved';

export interface ComplaintRow {
  line: number;
  trackingId: string;
  channel: string | null;
  category: string | null;
  receivedOn: string;
  firstResponseOn: string | null;
  resolvedOn: string | null;
  status: ComplaintStatus;
  /** The status as the log wrote it (e.g. "Selesai", "Proses tindak lanjut"). */
  statusLabel: string | null;
  summary: string | null;
}

export type ComplaintRowReason =
  | 'required_blank'
  | 'date_invalid'
  | 'date_before_received'
  | 'tracking_id_duplicate'
  | 'tracking_id_invalid'
  | 'too_long';

export interface ComplaintRowRefusal {
  line: number;
  field: ComplaintField;
  value: string;
  reason: ComplaintRowReason;
}

export const SUMMARY_MAX = 500;
const LIMITS: Partial<Record<ComplaintField, number>> = {
  channel: 100,
  category: 200,
  status: 100,
};
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  mei: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  agu: 8,
  agt: 8,
  sep: 9,
  oct: 10,
  okt: 10,
  nov: 11,
  dec: 12,
  des: 12,
};

const iso = (y: number, m: number, d: number): string | null => {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return y >= 2000 && y <= 2100 && isIsoDay(text) ? text : null;
};

/**
 * The calendar day of a cell: 2026-03-05, 2026-03-05 14:20, 05/03/2026, 5-3-2026 (day first, as
 * Indonesian logs write it), 5 Mar 2026, or the text a spreadsheet gives a date cell. The time of
 * day is not needed: limits are counted in working days. Null when it is not a date.
 */
export function parseDay(value: string): string | null {
  const v = value.trim();
  let m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      v,
    );
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/.exec(v);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\s+(\d{4})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/.exec(
    v,
  );
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? iso(Number(m[3]), month, Number(m[1])) : null;
  }
  // ExcelJS's text of a date cell: "Thu Mar 05 2026 00:00:00 GMT+0000 (…)".
  m = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{2}) (\d{4}) \d{2}:\d{2}:\d{2} GMT/.exec(v);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    return month ? iso(Number(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

const RESOLVED = ['selesai', 'tuntas', 'ditutup', 'closed', 'resolved', 'done', 'diarsipkan'];
const IN_PROGRESS = [
  'proses',
  'diproses',
  'ditindaklanjuti',
  'tindak lanjut',
  'disposisi',
  'terverifikasi',
  'in progress',
  'verifikasi',
];

/** A status text as one of three states; a resolved date also means resolved. */
export function normaliseStatus(label: string | null, resolvedOn: string | null): ComplaintStatus {
  const n = label ? normalName(label) : '';
  if (RESOLVED.some((w) => n.includes(w))) return 'resolved';
  if (resolvedOn) return 'resolved';
  if (IN_PROGRESS.some((w) => n.includes(w))) return 'in_progress';
  return 'open';
}

const TRACKING_ID = /^[\p{L}\p{N}][\p{L}\p{N}._/#-]{0,63}$/u;

export function readComplaintRows(
  table: readonly TableRow[],
  mapping: ComplaintMapping,
): { rows: ComplaintRow[]; refused: ComplaintRowRefusal[] } {
  const [header, ...body] = table;
  if (!header) return { rows: [], refused: [] };
  const index = new Map<ComplaintField, number>();
  for (const field of COMPLAINT_FIELDS) {
    const column = mapping[field];
    if (column === null) continue;
    const i = header.cells.findIndex((c) => normalName(c) === normalName(column));
    if (i >= 0) index.set(field, i);
  }
  const rows: ComplaintRow[] = [];
  const refused: ComplaintRowRefusal[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const cell = (f: ComplaintField): string => {
      const i = index.get(f);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const refuse = (field: ComplaintField, value: string, reason: ComplaintRowReason) =>
      refused.push({ line: row.line, field, value: value.slice(0, 100), reason });
    const before = refused.length;
    const trackingId = cell('trackingId');
    if (trackingId === '') refuse('trackingId', '', 'required_blank');
    else if (!TRACKING_ID.test(trackingId)) refuse('trackingId', trackingId, 'tracking_id_invalid');
    else if (seen.has(trackingId.toUpperCase()))
      refuse('trackingId', trackingId, 'tracking_id_duplicate');
    else seen.set(trackingId.toUpperCase(), row.line);
    const day = (field: ComplaintField, required: boolean): string | null => {
      const value = cell(field);
      if (value === '') {
        if (required) refuse(field, '', 'required_blank');
        return null;
      }
      const parsed = parseDay(value);
      if (!parsed) refuse(field, value, 'date_invalid');
      return parsed;
    };
    const receivedOn = day('received', true);
    const firstResponseOn = day('firstResponse', false);
    const resolvedOn = day('resolved', false);
    if (receivedOn) {
      if (firstResponseOn && firstResponseOn < receivedOn)
        refuse('firstResponse', cell('firstResponse'), 'date_before_received');
      if (resolvedOn && resolvedOn < receivedOn)
        refuse('resolved', cell('resolved'), 'date_before_received');
    }
    const text = (field: ComplaintField): string | null => {
      const value = cell(field);
      const max = LIMITS[field];
      if (max && value.length > max) refuse(field, value, 'too_long');
      return value === '' ? null : value;
    };
    const channel = text('channel');
    const category = text('category');
    const statusLabel = text('status');
    const summaryText = cell('summary');
    const summary =
      summaryText === ''
        ? null
        : summaryText.length > SUMMARY_MAX
          ? `${summaryText.slice(0, SUMMARY_MAX - 1)}…`
          : summaryText;
    if (refused.length > before || !receivedOn) continue;
    rows.push({
      line: row.line,
      trackingId,
      channel,
      category,
      receivedOn,
      firstResponseOn,
      resolvedOn,
      status: normaliseStatus(statusLabel, resolvedOn),
      statusLabel,
      summary,
    });
  }
  return { rows, refused };
}
