import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../common/excel.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import type { IncomingFile } from '../common/incoming-file.js';
import {
  ImportError,
  ImportRefused,
  ImportTooLarge,
  ImportWrongColumns,
} from './assessment-errors.js';
import { isOverdue } from '../findings/finding-rules.js';
import { findingReference } from '../findings/finding-views.js';
import { Finding } from '../findings/finding.entity.js';
import { translate, type Language } from '../i18n/i18n.js';
import { Clause } from '../standards/clause.entity.js';
import type { CorrectiveAction } from '../findings/corrective-action.entity.js';
import {
  findVisibleAssessment,
  requireAssignedAssessor,
  requireNotReported,
  type AssessmentRecord,
} from './assessment-access.js';
import {
  CLAUSE_COLUMNS,
  clauseHeaders,
  findingHeaders,
  headerLanguage,
  planImport,
  ratingLabel,
  toCsv,
  CSV_TYPE,
  XLSX_TYPE,
  yesNo,
  type ImportReason,
  type SheetRow,
} from './assessment-sheet.js';
import { RATINGS } from './assessment-types.js';
import { Assessment } from './assessment.entity.js';
import { ClauseAssessment } from './clause-assessment.entity.js';
import { lockRow } from '../database/row-lock.js';
import { RatingsService } from './ratings.service.js';
import { requireWorkbookArchive } from './zip-inflate.js';

export { XLSX_TYPE };

/** Upload limit of an import, and what its archive may expand to. */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 1000;
/** A hidden sheet naming the assessment, so a workbook is not imported into another cycle. */
const META_SHEET = 'mutu';

export interface Download {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export interface ImportReport {
  /** Clauses whose rating changed. */
  applied: number;
  /** Rows that matched what was already stored. */
  unchanged: number;
  refused: { row: number; clause: string | null; reason: ImportReason; message: string }[];
}

type ClauseRow = ClauseAssessment & { clause: Clause };
type FindingRow = Finding & { clause: Clause; correctiveAction: CorrectiveAction | null };

const cellText = (cell: ExcelJS.Cell): string => {
  const text = cell.text as unknown;
  return typeof text === 'string' ? text.trim() : '';
};

@Injectable()
export class AssessmentTransferService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly ratings: RatingsService,
  ) {}

  private async clauseRows(m: EntityManager, assessmentId: string): Promise<ClauseRow[]> {
    return (await m
      .getRepository(ClauseAssessment)
      .createQueryBuilder('ca')
      .innerJoinAndSelect('ca.clause', 'clause')
      .where('ca.assessmentId = :assessmentId', { assessmentId })
      .orderBy('clause.sortKey')
      .getMany()) as ClauseRow[];
  }

  private async findingRows(m: EntityManager, assessmentId: string): Promise<FindingRow[]> {
    return (await m
      .getRepository(Finding)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.clause', 'clause')
      .leftJoinAndSelect('f.correctiveAction', 'ca')
      .where('f.assessmentId = :assessmentId', { assessmentId })
      .orderBy('f.number')
      .getMany()) as FindingRow[];
  }

  private clauseTable(rows: ClauseRow[], lang: Language): string[][] {
    return rows.map((r) => [
      r.clause.number,
      lang === 'en' ? r.clause.titleEn : r.clause.titleId,
      yesNo(r.applicable, lang),
      r.justification ?? '',
      ratingLabel(r.rating, lang),
      r.note ?? '',
    ]);
  }

  private findingTable(rows: FindingRow[], lang: Language): string[][] {
    const today = todayInZone(new Date());
    return rows.map((f) => {
      const ca = f.correctiveAction;
      return [
        findingReference(f.number),
        f.clause.number,
        translate(lang, `grade.${f.grade}`),
        translate(lang, `finding_state.${f.state}`),
        f.statement,
        f.objectiveEvidence ?? '',
        ca?.correction ?? '',
        ca?.rootCause ?? '',
        ca?.action ?? '',
        ca?.owner ?? '',
        ca?.dueOn ?? '',
        yesNo(isOverdue({ grade: f.grade, state: f.state, dueOn: ca?.dueOn ?? null }, today), lang),
      ];
    });
  }

  private fileName(a: AssessmentRecord, part: 'clauses' | 'findings', ext: string, lang: Language) {
    return `${translate(lang, `export.file.${part}`)}-${a.unit.code}-${a.startsOn}.${ext}`;
  }

  /** The clause table (or, with part=findings, the findings) as CSV. */
  async csv(
    me: Principal,
    id: string,
    part: 'clauses' | 'findings',
    lang: Language,
  ): Promise<Download> {
    const m = this.db.manager;
    const a = await findVisibleAssessment(m, this.scope, me, id);
    const rows =
      part === 'clauses'
        ? [clauseHeaders(lang), ...this.clauseTable(await this.clauseRows(m, a.id), lang)]
        : [findingHeaders(lang), ...this.findingTable(await this.findingRows(m, a.id), lang)];
    return {
      fileName: this.fileName(a, part, 'csv', lang),
      contentType: CSV_TYPE,
      body: toCsv(rows),
    };
  }

  /** A workbook with the clause table (editable, with drop-down lists) and the findings. */
  async xlsx(me: Principal, id: string, lang: Language): Promise<Download> {
    const m = this.db.manager;
    const a = await findVisibleAssessment(m, this.scope, me, id);
    const clauses = this.clauseTable(await this.clauseRows(m, a.id), lang);
    const findings = this.findingTable(await this.findingRows(m, a.id), lang);

    const wb = await newWorkbook();
    wb.creator = 'Mutu';
    wb.created = new Date();
    wb.title = a.title;
    const sheet = (name: string, headers: string[], widths: number[], rows: string[][]) => {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = headers.map((header, i) => ({
        header,
        width: widths[i],
        // Text format keeps 4.10 from turning into the number 4.1 when someone retypes it.
        style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } },
      }));
      ws.getRow(1).font = { bold: true };
      ws.addRows(rows);
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
      return ws;
    };
    const ws = sheet(
      translate(lang, 'export.sheet.clauses'),
      clauseHeaders(lang),
      [10, 48, 12, 48, 22, 60],
      clauses,
    );
    const list = (items: string[]) => [`"${items.join(',')}"`];
    for (let r = 2; r <= clauses.length + 1; r++) {
      ws.getCell(r, CLAUSE_COLUMNS.indexOf('applicable') + 1).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: list([yesNo(true, lang), yesNo(false, lang)]),
      };
      ws.getCell(r, CLAUSE_COLUMNS.indexOf('rating') + 1).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: list(RATINGS.map((x) => ratingLabel(x, lang))),
      };
    }
    sheet(
      translate(lang, 'export.sheet.findings'),
      findingHeaders(lang),
      [8, 10, 24, 18, 60, 48, 40, 40, 40, 24, 12, 12],
      findings,
    );
    const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
    meta.addRows([
      ['assessmentId', a.id],
      ['exportedAt', new Date().toISOString()],
    ]);
    return {
      fileName: this.fileName(a, 'clauses', 'xlsx', lang),
      contentType: XLSX_TYPE,
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  /**
   * Ratings back from an exported (and edited) workbook, all or nothing: one refused row and
   * nothing is applied (422 with every refusal), otherwise every changed clause is applied in one
   * transaction. The body is the .xlsx file itself.
   */
  async importXlsx(me: Principal, id: string, file: IncomingFile): Promise<ImportReport> {
    // Refuse what we can before reading a byte of the upload.
    const a = await findVisibleAssessment(this.db.manager, this.scope, me, id);
    requireAssignedAssessor(me, a);
    requireNotReported(a);
    if (!file.is([XLSX_TYPE, 'application/octet-stream']))
      throw new ImportError('import_unsupported_type', { expected: XLSX_TYPE });
    const bytes = await file.read(IMPORT_LIMIT_BYTES, (limit) => new ImportTooLarge(limit));
    const rows = await this.readSheet(bytes, a);
    const clauses = await this.db.getRepository(Clause).findBy({ standardId: a.standardId });
    const plan = planImport(rows, clauses);
    if (plan.refused.length > 0) throw new ImportRefused(plan.refused);
    return this.db.transaction(async (m) => {
      await lockRow(m, Assessment, id);
      const current = await findVisibleAssessment(m, this.scope, me, id);
      requireAssignedAssessor(me, current);
      requireNotReported(current);
      const byNumber = new Map(clauses.map((c) => [c.number, c]));
      const applied = await this.ratings.apply(
        m,
        me,
        current,
        plan.changes.map((c) => ({ clause: byNumber.get(c.clause)!, values: c.values })),
        'clause_assessment.import',
      );
      return { applied, unchanged: plan.changes.length - applied, refused: [] };
    });
  }

  private async readSheet(bytes: Buffer, a: AssessmentRecord): Promise<SheetRow[]> {
    await requireWorkbookArchive(bytes, () => new ImportError('import_not_xlsx'));
    const wb = await newWorkbook();
    try {
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    } catch {
      throw new ImportError('import_not_xlsx');
    }
    const meta = wb.getWorksheet(META_SHEET);
    const exportedFrom = meta ? cellText(meta.getCell(1, 2)) : '';
    if (exportedFrom && exportedFrom !== a.id) throw new ImportError('import_other_assessment');
    const names = (['id', 'en'] as const).map((l) => translate(l, 'export.sheet.clauses'));
    const ws =
      wb.worksheets.find((w) => names.includes(w.name)) ??
      wb.worksheets.find((w) => w.state === 'visible');
    const found = ws ? CLAUSE_COLUMNS.map((_c, i) => cellText(ws.getCell(1, i + 1))) : [];
    if (!ws || !headerLanguage(found)) throw new ImportWrongColumns(found);
    if (ws.rowCount - 1 > MAX_ROWS)
      throw new ImportError('import_too_many_rows', { max: MAX_ROWS });
    const rows: SheetRow[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      rows.push({ row: r, cells: CLAUSE_COLUMNS.map((_c, i) => cellText(row.getCell(i + 1))) });
    }
    return rows;
  }
}
