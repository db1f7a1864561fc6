import type { EntityManager } from 'typeorm';
import type { Catalogue } from './catalogue.js';
import { Clause } from './clause.entity.js';
import { Standard } from './standard.entity.js';

export interface CatalogueLoadResult {
  standard: Standard;
  created: number;
  updated: number;
  unchanged: number;
  /** Clauses in the database that the file no longer lists; kept, since ratings may point at them. */
  notInFile: string[];
}

/**
 * Loads a catalogue into the database, idempotently: a clause is found by (standard, number) and
 * its titles, guidance and flags are updated in place; nothing is ever duplicated or deleted.
 */
export async function loadCatalogue(
  manager: EntityManager,
  catalogue: Catalogue,
): Promise<CatalogueLoadResult> {
  const standards = manager.getRepository(Standard);
  let standard = await standards.findOneBy({ code: catalogue.code });
  const fields = {
    titleId: catalogue.title.id,
    titleEn: catalogue.title.en,
    edition: catalogue.edition,
  };
  if (!standard) {
    standard = await standards.save(standards.create({ code: catalogue.code, ...fields }));
  } else if (Object.entries(fields).some(([k, v]) => standard![k as keyof typeof fields] !== v)) {
    standard = await standards.save(Object.assign(standard, fields));
  }

  const clauses = manager.getRepository(Clause);
  const existing = new Map(
    (await clauses.findBy({ standardId: standard.id })).map((c) => [c.number, c]),
  );
  const ids = new Map<string, string>();
  const result = { created: 0, updated: 0, unchanged: 0 };
  // Document order puts every parent before its children, so parent ids are known when needed.
  for (const c of catalogue.clauses) {
    const wanted = {
      parentId: c.parentNumber ? ids.get(c.parentNumber)! : null,
      titleId: c.title.id,
      titleEn: c.title.en,
      guidanceId: c.guidance?.id ?? null,
      guidanceEn: c.guidance?.en ?? null,
      expectedEvidence: c.expectedEvidence,
      maintainsDocuments: c.documentedInformation.includes('maintain'),
      retainsRecords: c.documentedInformation.includes('retain'),
      isLeaf: c.isLeaf,
      depth: c.depth,
      sortKey: c.sortKey,
    };
    const row = existing.get(c.number);
    if (!row) {
      const saved = await clauses.save(
        clauses.create({ standardId: standard.id, number: c.number, ...wanted }),
      );
      ids.set(c.number, saved.id);
      result.created++;
      continue;
    }
    ids.set(c.number, row.id);
    const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter(
      (k) => JSON.stringify(row[k]) !== JSON.stringify(wanted[k]),
    );
    if (changed.length === 0) {
      result.unchanged++;
      continue;
    }
    await clauses.update({ id: row.id }, wanted);
    result.updated++;
  }
  const listed = new Set(catalogue.clauses.map((c) => c.number));
  return { standard, ...result, notInFile: [...existing.keys()].filter((n) => !listed.has(n)) };
}
