/** The catalogue a unit without any assessment is measured against. */
export const DEFAULT_STANDARD_CODE = 'iso-9001-2015';

/** Natural sort key: "7.1.5.2" → "0007.0001.0005.0002". */
export const clauseSortKey = (number: string): string =>
  number
    .split('.')
    .map((part) => part.padStart(4, '0'))
    .join('.');

/** Clause numbers in natural order: 4.9 before 4.10, 9.3.3 before 10. */
export const compareClauseNumbers = (a: string, b: string): number => {
  const ka = clauseSortKey(a);
  const kb = clauseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
