import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { In, type EntityManager } from 'typeorm';
import { parse } from 'yaml';
import { User } from '../auth/user.entity.js';
import { Evidence } from '../evidence/evidence.entity.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { DiagnosticIndicator } from './diagnostic-indicator.entity.js';
import { DiagnosticRatingRecord } from './diagnostic-rating.entity.js';
import { DIAGNOSTIC_RATINGS, type DiagnosticRating } from './diagnostic-rules.js';
import { Diagnostic } from './diagnostic.entity.js';
import { openDiagnostic } from './diagnostics.service.js';

export class DemoDiagnosticError extends Error {
  override name = 'DemoDiagnosticError';
}

interface DemoDiagnostic {
  period: number;
  label: string;
  ratings: Record<string, DiagnosticRating>;
  notes: Record<string, string>;
  evidence: Record<string, string[]>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseDemo(source: string, file: string) {
  const doc: unknown = parse(source);
  if (!isRecord(doc) || doc.demo !== true)
    throw new DemoDiagnosticError(`${file}: a demo file must say demo: true`);
  const { organisation, catalogue, rater } = doc;
  if (
    typeof organisation !== 'string' ||
    typeof catalogue !== 'string' ||
    typeof rater !== 'string'
  )
    throw new DemoDiagnosticError(`${file}: organisation, catalogue and rater are required`);
  if (!Array.isArray(doc.diagnostics))
    throw new DemoDiagnosticError(`${file}: diagnostics must be a list`);
  const diagnostics = doc.diagnostics.map((d: unknown, i): DemoDiagnostic => {
    const where = `${file}: diagnostics[${i}]`;
    if (!isRecord(d) || typeof d.period !== 'number' || typeof d.label !== 'string')
      throw new DemoDiagnosticError(`${where}: needs a period (year) and a label`);
    const ratings = isRecord(d.ratings) ? d.ratings : {};
    for (const [code, r] of Object.entries(ratings))
      if (!DIAGNOSTIC_RATINGS.includes(r as DiagnosticRating))
        throw new DemoDiagnosticError(`${where}: rating of ${code} must be red, yellow or green`);
    return {
      period: d.period,
      label: d.label,
      ratings: ratings as Record<string, DiagnosticRating>,
      notes: (isRecord(d.notes) ? d.notes : {}) as Record<string, string>,
      evidence: (isRecord(d.evidence) ? d.evidence : {}) as Record<string, string[]>,
    };
  });
  return { organisation, catalogue, rater, diagnostics };
}

/**
 * The demo diagnostics (seeds/demo/diagnostics/*.yaml): opened like any diagnostic (audited), then
 * rated by the file's rater. Runs inside the demo's transaction, after its users and evidence.
 * Returns how many diagnostics were loaded.
 */
export async function loadDemoDiagnostics(
  m: EntityManager,
  dir: string,
  org: Pick<Organisation, 'id' | 'code'>,
): Promise<number> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return 0;
  }
  let loaded = 0;
  for (const file of files) {
    const demo = parseDemo(readFileSync(join(dir, file), 'utf8'), file);
    if (demo.organisation !== org.code) continue;
    const rater = await m.getRepository(User).findOneBy({ username: demo.rater });
    if (!rater) throw new DemoDiagnosticError(`${file}: unknown rater ${demo.rater}`);
    const units = await m.getRepository(Unit).findBy({ organisationId: org.id });
    const evidence = await m.getRepository(Evidence).findBy({ unitId: In(units.map((u) => u.id)) });
    for (const d of demo.diagnostics) {
      const id = await openDiagnostic(m, org, {
        period: d.period,
        catalogue: demo.catalogue,
        label: d.label,
        actorId: rater.id,
      });
      const { catalogueId } = await m.getRepository(Diagnostic).findOneByOrFail({ id });
      const indicators = await m.getRepository(DiagnosticIndicator).findBy({ catalogueId });
      const rows = await m.getRepository(DiagnosticRatingRecord).findBy({ diagnosticId: id });
      const codes = new Set([
        ...Object.keys(d.ratings),
        ...Object.keys(d.notes),
        ...Object.keys(d.evidence),
      ]);
      for (const code of codes) {
        const indicator = indicators.find((i) => i.code === code);
        if (!indicator)
          throw new DemoDiagnosticError(`${file}: ${d.period}: unknown indicator ${code}`);
        const row = rows.find((r) => r.indicatorId === indicator.id)!;
        row.rating = d.ratings[code] ?? null;
        row.note = d.notes[code] ?? null;
        row.evidence = (d.evidence[code] ?? []).map((title) => {
          const e = evidence.find((x) => x.title === title);
          if (!e)
            throw new DemoDiagnosticError(`${file}: ${d.period}: no demo evidence "${title}"`);
          return e;
        });
        row.ratedById = rater.id;
        row.ratedAt = new Date();
        await m.getRepository(DiagnosticRatingRecord).save(row);
      }
      loaded++;
    }
  }
  return loaded;
}
