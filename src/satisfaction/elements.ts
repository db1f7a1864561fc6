/**
 * The nine elements (unsur) of the public satisfaction survey of Permenpan RB 14/2017, and the
 * matching of a column header to one of them by its name. Published forms number the elements
 * differently (complaints before facilities or after), so a header is matched by what it says,
 * never by its position or its number: "U8" alone is refused as ambiguous.
 */

export const ELEMENT_CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type ElementCode = (typeof ELEMENT_CODES)[number];

export interface ElementDefinition {
  code: ElementCode;
  /** The regulation's name, in Indonesian. */
  name: string;
  nameEn: string;
  /** Other ways published forms word it (already in normal form, see normalName). */
  aliases: string[];
}

export const ELEMENTS: readonly ElementDefinition[] = [
  {
    code: 'U1',
    name: 'Persyaratan',
    nameEn: 'Requirements',
    aliases: ['persyaratan pelayanan', 'persyaratan layanan', 'syarat', 'requirements'],
  },
  {
    code: 'U2',
    name: 'Sistem, mekanisme, dan prosedur',
    nameEn: 'System, mechanism and procedure',
    aliases: [
      'sistem mekanisme prosedur',
      'sistem mekanisme dan prosedur pelayanan',
      'sistem mekanisme prosedur pelayanan',
      'mekanisme dan prosedur',
      'prosedur',
      'prosedur pelayanan',
      'procedure',
      'system mechanism and procedure',
    ],
  },
  {
    code: 'U3',
    name: 'Waktu penyelesaian',
    nameEn: 'Completion time',
    aliases: [
      'waktu pelayanan',
      'jangka waktu pelayanan',
      'jangka waktu penyelesaian',
      'kecepatan waktu pelayanan',
      'waktu',
      'completion time',
      'time',
    ],
  },
  {
    code: 'U4',
    name: 'Biaya/tarif',
    nameEn: 'Cost/tariff',
    aliases: ['biaya tarif', 'biaya', 'tarif', 'kewajaran biaya', 'cost', 'tariff', 'cost tariff'],
  },
  {
    code: 'U5',
    name: 'Produk spesifikasi jenis pelayanan',
    nameEn: 'Service product specification',
    aliases: [
      'produk spesifikasi jenis layanan',
      'produk spesifikasi',
      'produk pelayanan',
      'produk layanan',
      'produk',
      'kesesuaian produk pelayanan',
      'product',
      'product specification',
    ],
  },
  {
    code: 'U6',
    name: 'Kompetensi pelaksana',
    nameEn: 'Staff competence',
    aliases: ['kompetensi petugas', 'kemampuan petugas', 'kompetensi', 'competence'],
  },
  {
    code: 'U7',
    name: 'Perilaku pelaksana',
    nameEn: 'Staff conduct',
    aliases: [
      'perilaku petugas',
      'kesopanan dan keramahan petugas',
      'perilaku',
      'conduct',
      'behaviour',
    ],
  },
  {
    code: 'U8',
    name: 'Penanganan pengaduan, saran dan masukan',
    nameEn: 'Handling of complaints, suggestions and feedback',
    aliases: [
      'penanganan pengaduan saran dan masukan',
      'penanganan pengaduan',
      'pengaduan',
      'pengaduan saran dan masukan',
      'penanganan pengaduan pengguna layanan',
      'complaints',
      'complaint handling',
    ],
  },
  {
    code: 'U9',
    name: 'Sarana dan prasarana',
    nameEn: 'Facilities',
    aliases: ['sarana prasarana', 'sarana', 'kualitas sarana dan prasarana', 'facilities'],
  },
];

/** Lower case, without accents and punctuation, single spaces: "Biaya / Tarif." → "biaya tarif". */
export function normalName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' dan ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** A header that starts with the element's number ("U8 Pengaduan", "8. Pengaduan") keeps its name. */
const NUMBER_PREFIX = /^(u|unsur)?\s*[1-9]\s+(?=[a-z])/;

const INDEX = new Map<string, ElementCode>();
for (const e of ELEMENTS)
  for (const name of [e.name, e.nameEn, ...e.aliases]) INDEX.set(normalName(name), e.code);

export type HeaderMatch =
  { kind: 'element'; code: ElementCode } | { kind: 'numbered_only' } | { kind: 'unknown' };

/** Which element a column header names. */
export function matchElement(header: string): HeaderMatch {
  const normal = normalName(header);
  if (/^(u|unsur)?\s*[1-9]$/.test(normal)) return { kind: 'numbered_only' };
  const code = INDEX.get(normal) ?? INDEX.get(normal.replace(NUMBER_PREFIX, ''));
  return code ? { kind: 'element', code } : { kind: 'unknown' };
}

export const elementName = (code: ElementCode, lang: 'id' | 'en' = 'id'): string => {
  const e = ELEMENTS.find((x) => x.code === code)!;
  return lang === 'en' ? e.nameEn : e.name;
};
