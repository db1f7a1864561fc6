import { normalName } from '../satisfaction/elements.js';

/**
 * Which column of a complaint log holds which field. A LAPOR!-style export maps itself by its
 * usual headers (DEFAULT_ALIASES); any other log is mapped by the user once, and the confirmed
 * mapping is saved per source so that the next export of the same source maps itself too.
 * Pure: headers in, mapping and the columns it drops out.
 */

export const COMPLAINT_FIELDS = [
  'trackingId',
  'channel',
  'category',
  'received',
  'firstResponse',
  'resolved',
  'status',
  'summary',
] as const;
export type ComplaintField = (typeof COMPLAINT_FIELDS)[number];

/** Fields an import cannot do without. */
export const REQUIRED_FIELDS: readonly ComplaintField[] = ['trackingId', 'received'];

/** field → the header of its column (as written in the file), or null when the log lacks it. */
export type ComplaintMapping = Record<ComplaintField, string | null>;

/**
 * The documented default mapping: headers of a LAPOR!-style export (SP4N-LAPOR! does not publish
 * its export's field names, so these are the names its admin screens and common exports use),
 * Qlue's and a unit's own log, compared case- and punctuation-insensitively.
 */
export const DEFAULT_ALIASES: Record<ComplaintField, readonly string[]> = {
  trackingId: [
    'Nomor Tiket',
    'No Tiket',
    'Tracking ID',
    'ID Laporan',
    'Nomor Laporan',
    'No Laporan',
    'Kode Tracking',
    'ID',
  ],
  channel: ['Kanal', 'Sumber', 'Sumber Laporan', 'Media', 'Channel', 'Saluran'],
  category: ['Kategori', 'Kategori Laporan', 'Topik', 'Jenis Pengaduan', 'Category'],
  received: [
    'Tanggal Laporan',
    'Tanggal Masuk',
    'Tanggal Diterima',
    'Tanggal Pengaduan',
    'Waktu Laporan',
    'Received',
    'Tanggal',
  ],
  firstResponse: [
    'Tanggal Tanggapan Pertama',
    'Tanggapan Pertama',
    'Tanggal Disposisi',
    'Tanggal Verifikasi',
    'Tanggal Respon',
    'First Response',
  ],
  resolved: ['Tanggal Selesai', 'Tanggal Tindak Lanjut', 'Tanggal Ditutup', 'Selesai', 'Resolved'],
  status: ['Status', 'Status Laporan', 'Status Tindak Lanjut'],
  summary: ['Ringkasan', 'Judul Laporan', 'Judul', 'Isi Laporan Singkat', 'Summary'],
};

/**
 * Columns that hold a complainant's personal data: never read, never stored, whatever the mapping
 * says (names, phone numbers, NIK/KTP, e-mail and postal addresses, social media accounts).
 */
const PERSONAL = [
  /\bnama\b/,
  /\bname\b/,
  /pelapor/,
  /telepon|telp|phone|\bhp\b|handphone|\bwa\b|whatsapp|ponsel/,
  /\bnik\b|\bktp\b|nomor induk/,
  /e ?mail|surel/,
  /alamat|address/,
  /akun|twitter|instagram|facebook/,
];

export const isPersonalColumn = (header: string): boolean => {
  const n = normalName(header);
  return PERSONAL.some((p) => p.test(n));
};

export interface ResolvedMapping {
  mapping: ComplaintMapping;
  /** Where each mapped column came from, for the confirmation screen. */
  from: 'request' | 'saved' | 'default';
  /** Required fields no column is mapped to. */
  missing: ComplaintField[];
  /** Columns refused as personal data (never read). */
  personal: string[];
  /** Other columns the mapping does not use. */
  ignored: string[];
  /** Problems of a requested or saved mapping: a header the file lacks, a personal column. */
  problems: {
    field: ComplaintField;
    column: string;
    reason: 'column_absent' | 'column_personal';
  }[];
}

const empty = (): ComplaintMapping =>
  Object.fromEntries(COMPLAINT_FIELDS.map((f) => [f, null])) as ComplaintMapping;

/** The default mapping for these headers (the first alias that a non-personal header matches). */
export function defaultMapping(headers: readonly string[]): ComplaintMapping {
  const mapping = empty();
  const byName = new Map<string, string>();
  for (const h of headers)
    if (h.trim() !== '' && !isPersonalColumn(h) && !byName.has(normalName(h)))
      byName.set(normalName(h), h);
  const taken = new Set<string>();
  for (const field of COMPLAINT_FIELDS)
    for (const alias of DEFAULT_ALIASES[field]) {
      const h = byName.get(normalName(alias));
      if (h && !taken.has(h)) {
        mapping[field] = h;
        taken.add(h);
        break;
      }
    }
  return mapping;
}

/**
 * The mapping for a file: the one the request gives, else the one saved for the source, else the
 * default. A saved mapping that no longer fits the file (a header gone) falls back to the default
 * for those fields; a requested one is taken as is and its problems reported.
 */
export function resolveMapping(
  headers: readonly string[],
  requested: Partial<ComplaintMapping> | null,
  saved: Partial<ComplaintMapping> | null,
): ResolvedMapping {
  const present = new Set(headers.map((h) => normalName(h)).filter((h) => h !== ''));
  const actual = new Map(headers.map((h) => [normalName(h), h]));
  const base = defaultMapping(headers);
  const mapping = empty();
  const problems: ResolvedMapping['problems'] = [];
  const from = requested ? 'request' : saved ? 'saved' : 'default';
  for (const field of COMPLAINT_FIELDS) {
    const chosen = requested ? requested[field] : saved ? saved[field] : base[field];
    if (chosen === undefined || chosen === null || chosen.trim() === '') {
      mapping[field] = requested ? null : saved && chosen === undefined ? base[field] : null;
      continue;
    }
    const key = normalName(chosen);
    if (!present.has(key)) {
      if (requested) problems.push({ field, column: chosen, reason: 'column_absent' });
      else mapping[field] = base[field];
      continue;
    }
    if (isPersonalColumn(chosen)) {
      problems.push({ field, column: chosen, reason: 'column_personal' });
      continue;
    }
    mapping[field] = actual.get(key) ?? chosen;
  }
  const used = new Set(Object.values(mapping).filter((v): v is string => v !== null));
  const personal = headers.filter((h) => h.trim() !== '' && isPersonalColumn(h));
  const ignored = headers.filter((h) => h.trim() !== '' && !isPersonalColumn(h) && !used.has(h));
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === null);
  return { mapping, from, missing, personal, ignored, problems };
}
