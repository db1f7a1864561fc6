import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../common/excel.js';
import { ImportError } from '../assessments/assessment-errors.js';
import { ValidationFailed } from '../common/domain-error.js';
import { translate, type Language } from '../i18n/i18n.js';
import { requireWorkbookArchive } from '../assessments/zip-inflate.js';
import {
  computeFromAggregate,
  computeFromQuestionnaires,
  reportedIkmDiffers,
  roundFraction,
  type Fraction,
  type SurveyResult,
} from './ikm.js';
import type { SurveySource } from './satisfaction-survey.entity.js';
import { SurveyError, SurveyRowsRefused, SurveyWrongColumns } from './survey-errors.js';
import { parseCsv, parsePeriod, parseSurvey, type Profile, type TableRow } from './survey-sheet.js';

export { XLSX_TYPE } from '../assessments/assessment-sheet.js';
/** Upload limit of a survey file, and what an .xlsx may expand to. */
export const SURVEY_LIMIT_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 20_000;

export type SurveyFileType = 'csv' | 'xlsx';

/** Everything a stored survey holds that comes from its file. */
export interface BuiltSurvey {
  period: string;
  periodEndsOn: string;
  source: SurveySource;
  result: SurveyResult;
  profile: Profile | null;
  reportedIkmHundredths: number | null;
  fileSha256: string;
}

export interface SurveyWarning {
  code: 'ikm_mismatch';
  message: string;
}

/** The period of a query, or a 400 naming the parameter. */
export function requirePeriod(period: string): { startsOn: string; endsOn: string } {
  const p = parsePeriod(period);
  if (!p) throw new ValidationFailed([{ field: 'period', rule: 'isSurveyPeriod' }]);
  return p;
}

const cellText = (cell: ExcelJS.Cell): string => {
  const text = cell.text as unknown;
  return typeof text === 'string' ? text.trim() : '';
};

/** The first visible sheet of a workbook as rows, after the same checks as any imported workbook. */
export async function readXlsxTable(bytes: Buffer): Promise<TableRow[]> {
  await requireWorkbookArchive(
    bytes,
    () => new SurveyError('survey_not_readable', { type: 'xlsx' }),
  );
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new SurveyError('survey_not_readable', { type: 'xlsx' });
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible');
  if (!ws) return [];
  if (ws.rowCount > MAX_ROWS + 1) throw new ImportError('import_too_many_rows', { max: MAX_ROWS });
  const width = Math.min(ws.columnCount, 100);
  const rows: TableRow[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push({
      line: r,
      cells: Array.from({ length: width }, (_v, i) => cellText(row.getCell(i + 1))),
    });
  }
  return rows;
}

export function readCsvTable(bytes: Buffer): TableRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SurveyError('survey_not_readable', { type: 'csv' });
  }
  const rows = parseCsv(text);
  if (rows.length > MAX_ROWS + 1) throw new ImportError('import_too_many_rows', { max: MAX_ROWS });
  return rows;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A survey from its file's rows, all or nothing: a header that does not name the nine elements is
 * a 400 naming each unknown or missing one, any refused row a 422 listing every refusal by line.
 */
export function buildSurvey(
  table: TableRow[],
  period: string,
  bytes: Buffer,
  reportedIkm: Fraction | null = null,
): BuiltSurvey {
  const { endsOn } = requirePeriod(period);
  const parsed = parseSurvey(table);
  switch (parsed.kind) {
    case 'empty':
      throw new SurveyError('survey_empty');
    case 'header_refused':
      throw new SurveyWrongColumns(parsed.problems);
    case 'rows_refused':
      throw new SurveyRowsRefused(parsed.refused);
    case 'questionnaires':
    case 'aggregate':
      break;
  }
  const result =
    parsed.kind === 'questionnaires'
      ? computeFromQuestionnaires(parsed.rows)
      : computeFromAggregate(parsed.respondents, parsed.nrr);
  const reported = reportedIkm ?? (parsed.kind === 'aggregate' ? parsed.reportedIkm : null);
  return {
    period,
    periodEndsOn: endsOn,
    source: parsed.kind,
    result,
    profile: parsed.kind === 'questionnaires' ? parsed.profile : null,
    reportedIkmHundredths: reported ? Math.round(roundFraction(reported, 2) * 100) : null,
    fileSha256: sha256(bytes),
  };
}

/** The warning when a published headline IKM does not match the recomputation. */
export function ikmWarnings(
  reportedHundredths: number | null,
  ikm: number,
  lang: Language,
  format: (n: number) => string,
): SurveyWarning[] {
  if (reportedHundredths === null) return [];
  const reported = { num: BigInt(reportedHundredths), den: 100n };
  if (!reportedIkmDiffers(reported, ikm)) return [];
  return [
    {
      code: 'ikm_mismatch',
      message: translate(lang, 'survey.ikm_mismatch', {
        reported: format(reportedHundredths / 100),
        computed: format(ikm),
      }),
    },
  ];
}
