import type { EntityManager } from 'typeorm';
import { DiagnosticCatalogue } from './diagnostic-catalogue.entity.js';
import { DiagnosticIndicator } from './diagnostic-indicator.entity.js';
import type { IndicatorCatalogue } from './indicator-catalogue.js';

export interface IndicatorCatalogueLoadResult {
  code: string;
  version: number;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Loads one catalogue version, idempotently: the version is found by (code, version), each
 * indicator by its code, and their texts are updated in place (a wording fix keeps the ratings that
 * point at it). A new version is a new set of rows; older versions stay for the diagnostics rated
 * against them.
 */
export async function loadIndicatorCatalogue(
  m: EntityManager,
  catalogue: IndicatorCatalogue,
): Promise<IndicatorCatalogueLoadResult> {
  const catalogues = m.getRepository(DiagnosticCatalogue);
  const fields = {
    paraphrase: catalogue.paraphrase,
    titleId: catalogue.title.id,
    titleEn: catalogue.title.en,
    quadrants: catalogue.quadrants.map((q) => ({ code: q.code, id: q.title.id, en: q.title.en })),
  };
  let row = await catalogues.findOneBy({ code: catalogue.code, version: catalogue.version });
  if (!row)
    row = await catalogues.save(
      catalogues.create({ code: catalogue.code, version: catalogue.version, ...fields }),
    );
  else if (JSON.stringify(pick(row, fields)) !== JSON.stringify(fields))
    row = await catalogues.save(Object.assign(row, fields));

  const indicators = m.getRepository(DiagnosticIndicator);
  const existing = new Map(
    (await indicators.findBy({ catalogueId: row.id })).map((i) => [i.code, i]),
  );
  const result = {
    code: catalogue.code,
    version: catalogue.version,
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  for (const i of catalogue.indicators) {
    const wanted = {
      quadrant: i.quadrant,
      position: i.position,
      titleId: i.title.id,
      titleEn: i.title.en,
      checks: i.checks,
    };
    const found = existing.get(i.code);
    if (!found) {
      await indicators.insert({ catalogueId: row.id, code: i.code, ...wanted });
      result.created++;
    } else if (JSON.stringify(pick(found, wanted)) !== JSON.stringify(wanted)) {
      await indicators.update({ id: found.id }, wanted);
      result.updated++;
    } else result.unchanged++;
  }
  return result;
}

/** The keys of `shape`, read from `row`, in the order of `shape`. */
function pick<T extends object>(row: object, shape: T): T {
  return Object.fromEntries(
    Object.keys(shape).map((k) => [k, (row as Record<string, unknown>)[k]]),
  ) as T;
}
