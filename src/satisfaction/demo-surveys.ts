import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { todayInZone } from '../common/dates.js';
import type { Unit } from '../organisations/unit.entity.js';
import { storeSurvey } from './satisfaction.service.js';
import { buildSurvey, readCsvTable } from './survey-import.js';

const FILE = /^([A-Z0-9_-]+?)(?:-(\d{4}(?:-S[12])?))?\.csv$/;

/** The last semester that has ended by `today` (YYYY-MM-DD): 2026-12-01 → 2026-S1. */
export function lastEndedSemester(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5) > '06-30' ? `${year}-S1` : `${year - 1}-S2`;
}

/**
 * The demo surveys: seeds/demo/surveys/<UNIT>.csv (for the last semester that has ended, so that
 * the demo never ages into a readiness blocker) or <UNIT>-<PERIOD>.csv, imported through the same
 * parsing, computation and audit as an upload, each marked "(demo)". Returns how many were loaded.
 */
export async function loadDemoSurveys(
  m: EntityManager,
  dir: string,
  unitOf: (code: string, where: string) => Unit,
): Promise<number> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => FILE.test(f))
      .sort();
  } catch {
    return 0;
  }
  for (const file of files) {
    const [, code, named] = FILE.exec(file)!;
    const period = named ?? lastEndedSemester(todayInZone(new Date()));
    const unit = unitOf(code, `surveys/${file}`);
    const bytes = readFileSync(join(dir, file));
    const built = buildSurvey(readCsvTable(bytes), period, bytes);
    await storeSurvey(m, unit, built, {
      actorId: null,
      fileType: 'csv',
      label: `SKM ${period} (demo)`,
      replace: false,
    });
  }
  return files.length;
}
