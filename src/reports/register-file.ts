import { newWorkbook } from '../common/excel.js';
import { CSV_TYPE, toCsv, XLSX_TYPE } from '../assessments/assessment-sheet.js';

export { CSV_TYPE, XLSX_TYPE };

export interface RegisterFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export type RegisterCell = string | number | null;

/** A register as a table: its columns (header and spreadsheet width) and one row per record. */
export interface RegisterTable {
  /** The file name without extension, e.g. `daftar-bukti-DUKCAPIL`. */
  fileBase: string;
  /** The workbook's title and its one sheet's name. */
  title: string;
  sheet: string;
  /** The moment the data was read (the workbook's creation date). */
  dataAsOf: Date;
  columns: { header: string; width: number }[];
  rows: RegisterCell[][];
}

/** UTF-8 with a byte order mark, semicolons, CRLF: what Excel in an Indonesian office opens right. */
export function registerCsv(table: RegisterTable): RegisterFile {
  return {
    fileName: `${table.fileBase}.csv`,
    contentType: CSV_TYPE,
    body: toCsv([table.columns.map((c) => c.header), ...table.rows]),
  };
}

/** One sheet, header row bold and frozen, filters on, long texts wrapped. */
export async function registerXlsx(table: RegisterTable): Promise<RegisterFile> {
  const wb = await newWorkbook();
  wb.creator = 'Mutu';
  wb.created = table.dataAsOf;
  wb.title = table.title;
  const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map(({ header, width }) => ({
    header,
    width,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));
  ws.getRow(1).font = { bold: true };
  // Text cells stay text: a title starting with "=" is a title, not a formula.
  ws.addRows(table.rows.map((r) => r.map((v) => (v === null ? '' : v))));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return {
    fileName: `${table.fileBase}.xlsx`,
    contentType: XLSX_TYPE,
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
