import type { DocumentedInformation, LocalisedText } from './catalogue.js';

export interface ClauseRow {
  id: string;
  number: string;
  parentId: string | null;
  titleId: string;
  titleEn: string;
  guidanceId: string | null;
  guidanceEn: string | null;
  expectedEvidence: { id: string[]; en: string[] } | null;
  maintainsDocuments: boolean;
  retainsRecords: boolean;
  isLeaf: boolean;
  sortKey: string;
}

export interface ClauseNode {
  id: string;
  number: string;
  title: LocalisedText;
  guidance: LocalisedText | null;
  expectedEvidence: { id: string[]; en: string[] } | null;
  documentedInformation: DocumentedInformation[];
  leaf: boolean;
  children: ClauseNode[];
}

export function documentedInformationOf(
  row: Pick<ClauseRow, 'maintainsDocuments' | 'retainsRecords'>,
): DocumentedInformation[] {
  const flags: DocumentedInformation[] = [];
  if (row.maintainsDocuments) flags.push('maintain');
  if (row.retainsRecords) flags.push('retain');
  return flags;
}

/** Builds the nested clause tree from flat rows, children in natural clause order. */
export function buildClauseTree(rows: ClauseRow[]): ClauseNode[] {
  const sorted = [...rows].sort((a, b) =>
    a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0,
  );
  const nodes = new Map<string, ClauseNode>();
  for (const r of sorted) {
    nodes.set(r.id, {
      id: r.id,
      number: r.number,
      title: { id: r.titleId, en: r.titleEn },
      guidance: r.guidanceId && r.guidanceEn ? { id: r.guidanceId, en: r.guidanceEn } : null,
      expectedEvidence: r.expectedEvidence,
      documentedInformation: documentedInformationOf(r),
      leaf: r.isLeaf,
      children: [],
    });
  }
  const roots: ClauseNode[] = [];
  for (const r of sorted) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Every node of a clause tree in reading order (a parent before its children), with its depth. */
export const clausesInReadingOrder = (
  nodes: ClauseNode[],
  depth = 0,
): (ClauseNode & { depth: number })[] =>
  nodes.flatMap((n) => [{ ...n, depth }, ...clausesInReadingOrder(n.children, depth + 1)]);
