/**
 * Reads a ZIP archive's central directory (an .xlsx is one) without inflating anything, so that an
 * upload can be refused before a spreadsheet library expands it in memory: a 5 MB file can declare
 * gigabytes. Returns null when the bytes are not a ZIP archive.
 */
export interface ZipSummary {
  entries: number;
  /** Sum of the sizes the archive declares for its files once inflated. */
  uncompressedBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_MARK = 0xffffffff;

export function inspectZip(bytes: Buffer): ZipSummary | null {
  // The end record is 22 bytes plus a comment of at most 65 535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  let offset = bytes.readUInt32LE(end + 16);
  if (offset === ZIP64_MARK || offset + directorySize > end) return null;
  let uncompressedBytes = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > end || bytes.readUInt32LE(offset) !== DIRECTORY_ENTRY) return null;
    const size = bytes.readUInt32LE(offset + 24);
    // A ZIP64 entry is bigger than 4 GB or pretends to be: never an honest spreadsheet.
    if (size === ZIP64_MARK) return { entries, uncompressedBytes: Number.POSITIVE_INFINITY };
    uncompressedBytes += size;
    offset +=
      46 +
      bytes.readUInt16LE(offset + 28) +
      bytes.readUInt16LE(offset + 30) +
      bytes.readUInt16LE(offset + 32);
  }
  return { entries, uncompressedBytes };
}
