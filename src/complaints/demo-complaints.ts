import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { addDays, todayInZone } from '../common/dates.js';
import type { Unit } from '../organisations/unit.entity.js';
import { readCsvTable } from '../satisfaction/survey-import.js';
import { readLog } from './complaint-import.js';
import type { ComplaintRow } from './complaint-rows.js';
import { storeComplaints } from './complaints.service.js';

const FILE = /^([A-Z0-9_-]+)\.csv$/;
/** The demo logs are written for the semester that starts here. */
const ANCHOR = '2026-07-01';

const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The demo complaint logs: seeds/demo/complaints/<UNIT>.csv, LAPOR!-style exports with invented
 * complainants (every one marked "(demo)"), read through the same default mapping as an upload:
 * the names, phone numbers and NIKs in the files are dropped like in a real one. The dates are
 * moved by whole weeks to the current semester (weekdays stay weekdays), and what would lie after
 * today is left out or still open, so the demo never ages. Returns how many complaints it loaded.
 */
export async function loadDemoComplaints(
  m: EntityManager,
  dir: string,
  unitOf: (code: string, where: string) => Unit,
  now = new Date(),
): Promise<number> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => FILE.test(f))
      .sort();
  } catch {
    return 0;
  }
  const today = todayInZone(now);
  const semesterStart = `${today.slice(0, 4)}-${today.slice(5, 7) <= '06' ? '01' : '07'}-01`;
  const shift = Math.round(daysBetween(ANCHOR, semesterStart) / 7) * 7;
  const moved = (d: string | null): string | null => {
    if (!d) return null;
    const day = addDays(d, shift);
    return day <= today ? day : null;
  };
  let total = 0;
  for (const file of files) {
    const unit = unitOf(FILE.exec(file)![1], `complaints/${file}`);
    const log = readLog(readCsvTable(readFileSync(join(dir, file))), null, null);
    const rows: ComplaintRow[] = [];
    for (const r of log.rows) {
      const receivedOn = moved(r.receivedOn);
      if (!receivedOn) continue;
      const firstResponseOn = moved(r.firstResponseOn);
      const resolvedOn = firstResponseOn ? moved(r.resolvedOn) : null;
      rows.push({
        ...r,
        receivedOn,
        firstResponseOn,
        resolvedOn,
        status: r.resolvedOn && !resolvedOn ? 'in_progress' : r.status,
        statusLabel: r.resolvedOn && !resolvedOn ? 'Proses tindak lanjut' : r.statusLabel,
      });
    }
    const counts = await storeComplaints(m, unit.id, 'lapor', rows, null, false);
    total += counts.created;
  }
  return total;
}
