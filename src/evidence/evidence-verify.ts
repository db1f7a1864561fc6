import type { DataSource } from 'typeorm';
import type { EvidenceStore } from './evidence-store.js';

export interface VersionRef {
  evidenceId: string;
  title: string;
  unitCode: string;
  number: number;
}

export interface VerifyProblem {
  kind: 'missing' | 'altered';
  sha256: string;
  expectedSize: number;
  /** What is on disk now, for an altered file. */
  found?: { sha256: string; size: number };
  /** Every version whose bytes these were. */
  versions: VersionRef[];
}

export interface VerifyProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface VerifyReport {
  files: number;
  versions: number;
  bytes: number;
  problems: VerifyProblem[];
}

interface Row {
  sha256: string;
  size: number | string;
  number: number | string;
  evidence_id: string;
  title: string;
  unit_code: string;
}

/**
 * Every file the store holds for a record, as (sha256, size, number, owner id, title, unit code):
 * the versions of evidence items and the revisions of controlled documents (src/documents keeps its
 * files in the same store). The one list the verification and the metrics read.
 */
export const STORED_FILES_SQL = `SELECT v.sha256, v.size, v.number, e.id AS evidence_id, e.title, u.code AS unit_code
       FROM evidence_version v
       INNER JOIN evidence e ON e.id = v.evidence_id
       INNER JOIN unit u ON u.id = e.unit_id
     UNION ALL
     SELECT r.sha256, r.size, r.number, d.id AS evidence_id, d.title, u.code AS unit_code
       FROM document_revision r
       INNER JOIN document d ON d.id = r.document_id
       INNER JOIN unit u ON u.id = d.unit_id`;

/**
 * Re-reads and re-hashes every stored file that an evidence version or a document revision refers to, one at a time,
 * and reports the ones that are missing or whose bytes no longer match their SHA-256.
 */
export async function verifyEvidenceFiles(
  db: DataSource,
  store: EvidenceStore,
  onProgress: (progress: VerifyProgress) => void = () => undefined,
): Promise<VerifyReport> {
  const rows = await db.query<Row[]>(
    `SELECT * FROM (${STORED_FILES_SQL}) stored ORDER BY sha256, unit_code, title, number`,
  );
  const files = new Map<string, { size: number; versions: VersionRef[] }>();
  for (const r of rows) {
    const file = files.get(r.sha256) ?? { size: Number(r.size), versions: [] };
    file.versions.push({
      evidenceId: r.evidence_id,
      title: r.title,
      unitCode: r.unit_code,
      number: Number(r.number),
    });
    files.set(r.sha256, file);
  }
  const totalBytes = [...files.values()].reduce((sum, f) => sum + f.size, 0);
  const problems: VerifyProblem[] = [];
  const progress: VerifyProgress = { files: 0, totalFiles: files.size, bytes: 0, totalBytes };
  for (const [sha256, file] of files) {
    const found = await store.digest(sha256);
    if (!found) {
      problems.push({ kind: 'missing', sha256, expectedSize: file.size, versions: file.versions });
    } else if (found.sha256 !== sha256 || found.size !== file.size) {
      problems.push({
        kind: 'altered',
        sha256,
        expectedSize: file.size,
        found,
        versions: file.versions,
      });
    }
    progress.files++;
    progress.bytes += file.size;
    onProgress({ ...progress });
  }
  return { files: files.size, versions: rows.length, bytes: totalBytes, problems };
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Progress for the command line: a line every `everyMs` while the check runs, and a last one at
 * the end of a run long enough to have shown any (a short run says nothing until its report).
 */
export function progressPrinter(
  write: (line: string) => void,
  everyMs = 2000,
  now: () => number = Date.now,
): (p: VerifyProgress) => void {
  let last = now();
  let printed = false;
  return (p) => {
    const done = p.files === p.totalFiles;
    if (done ? !printed : now() - last < everyMs) return;
    last = now();
    printed = true;
    const percent = p.totalBytes ? Math.floor((p.bytes / p.totalBytes) * 100) : 100;
    write(
      `verify: ${p.files}/${p.totalFiles} files, ${megabytes(p.bytes)} of ${megabytes(p.totalBytes)} (${percent} %)`,
    );
  };
}

/** The report as lines for the command line. */
export function describeReport(report: VerifyReport): string[] {
  const lines = [
    `Checked ${report.files} stored file(s), ${megabytes(report.bytes)}, used by ${report.versions} evidence version(s).`,
  ];
  for (const p of report.problems) {
    const what =
      p.kind === 'missing'
        ? `MISSING  ${p.sha256} (${p.expectedSize} bytes)`
        : `ALTERED  ${p.sha256} (${p.expectedSize} bytes): now ${p.found!.size} bytes with SHA-256 ${p.found!.sha256}`;
    lines.push(what);
    for (const v of p.versions)
      lines.push(
        `         ${v.unitCode}: "${v.title}" version ${v.number} (evidence ${v.evidenceId})`,
      );
  }
  const missing = report.problems.filter((p) => p.kind === 'missing').length;
  const altered = report.problems.length - missing;
  lines.push(
    report.problems.length
      ? `${report.problems.length} problem(s): ${missing} missing, ${altered} altered. Restore them from a backup.`
      : 'All stored evidence files are present and unchanged.',
  );
  return lines;
}
