import { parse } from 'yaml';
import { clauseSortKey } from './standard-rules.js';

export type DocumentedInformation = 'maintain' | 'retain';

export interface LocalisedText {
  id: string;
  en: string;
}

/** One clause node as read from a catalogue file, flattened with its parent's number. */
export interface CatalogueClause {
  number: string;
  parentNumber: string | null;
  title: LocalisedText;
  guidance: LocalisedText | null;
  expectedEvidence: { id: string[]; en: string[] } | null;
  documentedInformation: DocumentedInformation[];
  depth: number;
  isLeaf: boolean;
  sortKey: string;
}

export interface Catalogue {
  code: string;
  edition: string;
  title: LocalisedText;
  /** Depth-first, in document order. */
  clauses: CatalogueClause[];
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, where: string): LocalisedText {
  if (
    !isRecord(v) ||
    typeof v.id !== 'string' ||
    typeof v.en !== 'string' ||
    !v.id.trim() ||
    !v.en.trim()
  ) {
    throw new CatalogueError(`${where}: needs both an Indonesian (id) and an English (en) text`);
  }
  return { id: v.id.trim(), en: v.en.trim() };
}

function strings(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw new CatalogueError(`${where}: must be a list of texts`);
  return v.map((s: string) => s.trim());
}

/** Parses and checks a catalogue file (seeds/standards/*.yaml). Throws CatalogueError naming the clause. */
export function parseCatalogue(source: string, fileName = 'catalogue'): Catalogue {
  const doc: unknown = parse(source);
  if (!isRecord(doc)) throw new CatalogueError(`${fileName}: not a catalogue`);
  if (typeof doc.code !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(doc.code)) {
    throw new CatalogueError(`${fileName}: code must be lower-case letters, digits and dashes`);
  }
  const edition = doc.edition;
  if (typeof edition !== 'string' && typeof edition !== 'number')
    throw new CatalogueError(`${fileName}: edition is required`);
  if (!Array.isArray(doc.clauses) || doc.clauses.length === 0)
    throw new CatalogueError(`${fileName}: clauses are required`);

  const clauses: CatalogueClause[] = [];
  const seen = new Set<string>();
  const walk = (nodes: unknown[], parent: string | null, depth: number): void => {
    for (const node of nodes) {
      if (!isRecord(node))
        throw new CatalogueError(
          `${fileName}: a clause under ${parent ?? 'the root'} is not a mapping`,
        );
      const number = typeof node.number === 'number' ? String(node.number) : node.number;
      if (typeof number !== 'string' || !/^\d+(\.\d+)*$/.test(number)) {
        throw new CatalogueError(
          `${fileName}: clause number ${JSON.stringify(node.number)} is not like 7.1.5`,
        );
      }
      const where = `${fileName}: clause ${number}`;
      if (seen.has(number)) throw new CatalogueError(`${where}: appears twice`);
      seen.add(number);
      if (parent !== null && !number.startsWith(`${parent}.`))
        throw new CatalogueError(`${where}: is not a sub-clause of ${parent}`);
      if (parent === null && number.includes('.'))
        throw new CatalogueError(`${where}: a top-level clause has no dot`);
      const children = node.children === undefined ? [] : node.children;
      if (!Array.isArray(children)) throw new CatalogueError(`${where}: children must be a list`);
      const di =
        node.documentedInformation === undefined
          ? []
          : strings(node.documentedInformation, `${where} documentedInformation`);
      for (const d of di) {
        if (d !== 'maintain' && d !== 'retain')
          throw new CatalogueError(
            `${where}: documentedInformation is maintain or retain, not ${d}`,
          );
      }
      let expectedEvidence: CatalogueClause['expectedEvidence'] = null;
      if (node.expectedEvidence !== undefined) {
        if (!isRecord(node.expectedEvidence))
          throw new CatalogueError(`${where}: expectedEvidence needs id and en lists`);
        expectedEvidence = {
          id: strings(node.expectedEvidence.id, `${where} expectedEvidence.id`),
          en: strings(node.expectedEvidence.en, `${where} expectedEvidence.en`),
        };
      }
      clauses.push({
        number,
        parentNumber: parent,
        title: text(node.title, `${where} title`),
        guidance: node.guidance === undefined ? null : text(node.guidance, `${where} guidance`),
        expectedEvidence,
        documentedInformation: [...new Set(di as DocumentedInformation[])],
        depth: depth,
        isLeaf: children.length === 0,
        sortKey: clauseSortKey(number),
      });
      walk(children, number, depth + 1);
    }
  };
  walk(doc.clauses, null, 0);
  return {
    code: doc.code,
    edition: String(edition),
    title: text(doc.title, `${fileName} title`),
    clauses,
  };
}
