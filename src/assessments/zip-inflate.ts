import { createInflateRaw } from 'node:zlib';
import type { DomainError } from '../common/domain-error.js';
import { ImportError } from './assessment-errors.js';

/** What an archive may hold before Mutu refuses to unpack it. */
export interface ZipLimits {
  /** Most entries (files and folders). */
  maxEntries: number;
  /** Most bytes all entries together may inflate to, measured while inflating. */
  maxInflatedBytes: number;
}

export type ZipVerdict =
  | { ok: true; entries: number; inflatedBytes: number }
  | { ok: false; reason: 'not_zip' | 'too_many_entries' | 'too_large' };

/** Limits of an uploaded workbook (assessment import, survey import): an honest one is well under 1 MB. */
export const WORKBOOK_LIMITS: ZipLimits = { maxEntries: 1000, maxInflatedBytes: 16 * 1024 * 1024 };

/**
 * Refuses a workbook that is no ZIP (with the caller's error) or unpacks past the limits (413 naming
 * the limit), before a spreadsheet library inflates anything.
 */
export async function requireWorkbookArchive(
  bytes: Buffer,
  notZip: () => DomainError,
  limits: ZipLimits = WORKBOOK_LIMITS,
): Promise<void> {
  const zip = await measureZip(bytes, limits);
  if (zip.ok) return;
  if (zip.reason === 'not_zip') throw notZip();
  if (zip.reason === 'too_many_entries')
    throw new ImportError('import_too_many_entries', { max: limits.maxEntries });
  throw new ImportError('import_inflated_too_large', {
    limitMb: limits.maxInflatedBytes / 1024 / 1024,
  });
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

/**
 * Unpacks every entry of a ZIP archive (an .xlsx is one) without keeping what it inflates, and
 * measures the real sizes: the sizes an archive declares can lie, so a 0.4 MB file declaring 16 KB
 * may inflate to 400 MB in a spreadsheet library. Inflation stops as soon as the running total
 * passes `maxInflatedBytes`, so neither memory (one zlib window and chunk at a time) nor time grows
 * with what a hostile archive claims or hides. An archive whose entries inflate to other sizes than
 * they declare, use another method than stored/deflated, or point outside the file is not a ZIP.
 */
export async function measureZip(bytes: Buffer, limits: ZipLimits): Promise<ZipVerdict> {
  const directory = readDirectory(bytes);
  if (!directory) return { ok: false, reason: 'not_zip' };
  if (directory.count > limits.maxEntries) return { ok: false, reason: 'too_many_entries' };
  let inflatedBytes = 0;
  let offset = directory.offset;
  for (let n = 0; n < directory.count; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== DIRECTORY_ENTRY)
      return { ok: false, reason: 'not_zip' };
    const method = bytes.readUInt16LE(offset + 10);
    const compressed = bytes.readUInt32LE(offset + 20);
    const declared = bytes.readUInt32LE(offset + 24);
    const local = bytes.readUInt32LE(offset + 42);
    offset +=
      46 +
      bytes.readUInt16LE(offset + 28) +
      bytes.readUInt16LE(offset + 30) +
      bytes.readUInt16LE(offset + 32);
    if ([compressed, declared, local].includes(ZIP64_MARK))
      return { ok: false, reason: 'too_large' };
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER)
      return { ok: false, reason: 'not_zip' };
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) return { ok: false, reason: 'not_zip' };
    const data = bytes.subarray(start, start + compressed);
    const budget = limits.maxInflatedBytes - inflatedBytes;
    let size: number | 'over' | 'corrupt';
    if (method === STORED) size = compressed > budget ? 'over' : compressed;
    else if (method === DEFLATED) size = await inflatedSize(data, budget);
    else return { ok: false, reason: 'not_zip' };
    if (size === 'over') return { ok: false, reason: 'too_large' };
    if (size === 'corrupt' || size !== declared) return { ok: false, reason: 'not_zip' };
    inflatedBytes += size;
  }
  return { ok: true, entries: directory.count, inflatedBytes };
}

function readDirectory(bytes: Buffer): { count: number; offset: number } | null {
  // The end record is 22 bytes plus a comment of at most 65 535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes.readUInt32LE(i) !== END_OF_DIRECTORY) continue;
    const count = bytes.readUInt16LE(i + 10);
    const size = bytes.readUInt32LE(i + 12);
    const offset = bytes.readUInt32LE(i + 16);
    if (offset === ZIP64_MARK || offset + size > i) return null;
    return { count, offset };
  }
  return null;
}

/** Bytes `data` inflates to, or 'over' as soon as that passes `budget` (the rest is not inflated). */
function inflatedSize(data: Buffer, budget: number): Promise<number | 'over' | 'corrupt'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let settled = false;
    const settle = (verdict: number | 'over' | 'corrupt'): void => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(verdict);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) settle('over');
    });
    inflate.on('error', () => settle('corrupt'));
    inflate.on('end', () => settle(size));
    inflate.end(data);
  });
}
