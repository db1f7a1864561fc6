import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded the first time a spreadsheet is read or written. It is the largest library Mutu
 * uses (about a fifth of what start-up loads) and only the import and export routes need it, so
 * the server and every test process start without it.
 */
export const loadExcel = (): Promise<typeof ExcelJS> =>
  (loading ??= import('exceljs').then((m) => m.default));

/** A new, empty workbook. */
export const newWorkbook = async (): Promise<ExcelJS.Workbook> =>
  new (await loadExcel()).Workbook();
