import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { LocalisedText } from '../standards/catalogue.js';
import { QUADRANTS, INDICATOR_COUNT, type Quadrant } from './diagnostic-rules.js';

export interface CatalogueIndicator {
  code: string;
  quadrant: Quadrant;
  /** Position in the catalogue (0-based), the order of the matrix. */
  position: number;
  title: LocalisedText;
  /** Sub-indicators: what the rater checks, in both languages (same length). */
  checks: { id: string[]; en: string[] };
}

export interface IndicatorCatalogue {
  code: string;
  version: number;
  /** True for Mutu's own demo wording (not the standard's text). */
  paraphrase: boolean;
  title: LocalisedText;
  quadrants: { code: Quadrant; title: LocalisedText }[];
  indicators: CatalogueIndicator[];
}

export class IndicatorCatalogueError extends Error {
  override name = 'IndicatorCatalogueError';
}

const MAX_CHECKS = 20;
const MAX_TEXT = 500;

/**
 * Parses and checks an ISO 18091 Annex A indicator catalogue (seeds/diagnostics/*.yaml): four
 * quadrants in the fixed order, 39 indicators numbered "<quadrant>.<n>" from 1 in each, every code
 * once, titles and checks in both languages. A broken file is refused with the line of the problem.
 */
export function parseIndicatorCatalogue(
  source: string,
  fileName = 'catalogue',
): IndicatorCatalogue {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const fail = (node: Node | null | undefined, message: string): never => {
    const offset = node?.range?.[0];
    const line = offset === undefined ? null : lines.linePos(offset).line;
    throw new IndicatorCatalogueError(`${fileName}${line ? ` line ${line}` : ''}: ${message}`);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new IndicatorCatalogueError(
      `${fileName} line ${lines.linePos(e.pos[0]).line}: not valid YAML (${e.code})`,
    );
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'not a catalogue (a mapping with code, version, quadrants)');
  const get = (map: Node, key: string): Node | null => {
    const v = isMap(map) ? map.get(key, true) : undefined;
    return (v as Node | undefined) ?? null;
  };
  const scalar = (node: Node | null): unknown =>
    node && 'value' in node ? (node as { value: unknown }).value : undefined;
  const text = (map: Node, key: string, where: string): LocalisedText => {
    const node = get(map, key);
    const id = node ? scalar(get(node, 'id')) : undefined;
    const en = node ? scalar(get(node, 'en')) : undefined;
    if (typeof id !== 'string' || typeof en !== 'string' || !id.trim() || !en.trim())
      return fail(
        node ?? map,
        `${where}: ${key} needs both an Indonesian (id) and an English (en) text`,
      );
    if (id.length > MAX_TEXT || en.length > MAX_TEXT)
      return fail(node, `${where}: ${key} is longer than ${MAX_TEXT} characters`);
    return { id: id.trim(), en: en.trim() };
  };
  const texts = (node: Node | null, where: string): string[] => {
    if (!isSeq(node)) return fail(node, `${where}: must be a list of texts`);
    return node.items.map((item) => {
      const v = scalar(item as Node);
      if (typeof v !== 'string' || !v.trim() || v.length > MAX_TEXT)
        return fail(item as Node, `${where}: every item is a text of 1–${MAX_TEXT} characters`);
      return v.trim();
    });
  };

  const code = scalar(get(root, 'code'));
  if (typeof code !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(code))
    return fail(get(root, 'code') ?? root, 'code must be lower-case letters, digits and dashes');
  const version = scalar(get(root, 'version'));
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > 9999)
    return fail(get(root, 'version') ?? root, 'version must be a whole number from 1 to 9999');
  const paraphrase = scalar(get(root, 'paraphrase'));
  if (paraphrase !== undefined && typeof paraphrase !== 'boolean')
    return fail(get(root, 'paraphrase'), 'paraphrase must be true or false');
  const title = text(root, 'title', 'catalogue');

  const quadrantNodes = get(root, 'quadrants');
  if (!isSeq(quadrantNodes) || quadrantNodes.items.length !== QUADRANTS.length)
    return fail(
      quadrantNodes ?? root,
      `quadrants must list exactly the ${QUADRANTS.length} quadrants ${QUADRANTS.join(', ')}`,
    );
  const quadrants: IndicatorCatalogue['quadrants'] = [];
  const indicators: CatalogueIndicator[] = [];
  const seen = new Set<string>();
  quadrantNodes.items.forEach((qNode, qi) => {
    const q = qNode as Node;
    const expected = QUADRANTS[qi];
    const qCode = scalar(get(q, 'code'));
    if (qCode !== expected)
      fail(get(q, 'code') ?? q, `quadrant ${qi + 1} must be ${expected}, not ${String(qCode)}`);
    quadrants.push({ code: expected, title: text(q, 'title', `quadrant ${expected}`) });
    const list = get(q, 'indicators');
    if (!isSeq(list) || list.items.length === 0)
      fail(list ?? q, `quadrant ${expected}: indicators must be a non-empty list`);
    (list as { items: unknown[] }).items.forEach((iNode, ii) => {
      const node = iNode as Node;
      if (!isMap(node)) fail(node, `quadrant ${expected}: an indicator is not a mapping`);
      const raw = scalar(get(node, 'code'));
      const c = typeof raw === 'number' ? String(raw) : raw;
      const want = `${qi + 1}.${ii + 1}`;
      if (typeof c === 'string' && seen.has(c))
        fail(get(node, 'code'), `indicator ${c} appears twice`);
      if (c !== want)
        fail(get(node, 'code') ?? node, `indicator ${String(c)} is out of place: expected ${want}`);
      seen.add(want);
      const where = `indicator ${want}`;
      const checksNode = get(node, 'checks');
      if (!checksNode || !isMap(checksNode))
        fail(checksNode ?? node, `${where}: checks needs id and en lists`);
      const checks = {
        id: texts(get(checksNode!, 'id'), `${where} checks.id`),
        en: texts(get(checksNode!, 'en'), `${where} checks.en`),
      };
      if (
        checks.id.length === 0 ||
        checks.id.length > MAX_CHECKS ||
        checks.id.length !== checks.en.length
      )
        fail(checksNode, `${where}: checks needs 1–${MAX_CHECKS} items, as many in id as in en`);
      indicators.push({
        code: want,
        quadrant: expected,
        position: indicators.length,
        title: text(node, 'title', where),
        checks,
      });
    });
  });
  if (indicators.length !== INDICATOR_COUNT)
    return fail(
      quadrantNodes,
      `the catalogue lists ${indicators.length} indicators, not ${INDICATOR_COUNT}`,
    );
  return { code, version, paraphrase: paraphrase === true, title, quadrants, indicators };
}
