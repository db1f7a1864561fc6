import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { DomainError, PayloadTooLarge, ValidationFailed } from '../common/domain-error.js';
import { ComplaintError } from '../complaints/complaint-errors.js';
import { EMPTY_VALUE, formatPercent } from '../common/numbers.js';
import {
  COMPLAINT_FIELDS,
  type ComplaintField,
  type ComplaintMapping,
} from '../complaints/complaint-mapping.js';
import type { ComplaintFileType } from '../complaints/complaint-import.js';
import type { Duration } from '../complaints/complaint-metrics.js';
import { previousPeriods, currentSemester } from '../complaints/complaint-views.js';
import { ComplaintsService, type ComplaintImportResult } from '../complaints/complaints.service.js';
import type { ImportComplaintsQuery } from '../complaints/complaints.dto.js';
import { todayInZone } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { translate, type Language } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { readFormUpload } from './complaint-upload.js';
import { formError } from './forms.js';
import { PageRenderer } from './page-renderer.js';
import { frameFor, type WebRequest } from './web-frame.js';

/** What the mapping step shows: the file's headers, the proposed or chosen column per field. */
interface ImportStep {
  source: string;
  staged: string;
  type: ComplaintFileType;
  headers: string[];
  mapping: Partial<ComplaintMapping>;
  result: ComplaintImportResult | null;
  problems: string[];
}

const PAGE_LIMIT = 2 * 1024 * 1024;
const SOURCE = /^[a-z0-9][a-z0-9-]{0,31}$/;
const ZIP = Buffer.from('PK\u0003\u0004', 'latin1');

/** The unit's complaint page: metrics of a period, the trend, and the import with its mapping step. */
@Injectable()
export class ComplaintsPage {
  constructor(
    private readonly pages: PageRenderer,
    private readonly complaints: ComplaintsService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async show(
    me: Principal,
    unitId: string,
    req: WebRequest,
    step: ImportStep | null = null,
    error: string | null = null,
  ): Promise<string> {
    const unit = await this.organisations.unit(me, unitId);
    const frame = frameFor(req, 'complaint.page_title', { unit: unit.name });
    const lang = frame.lang;
    const asked = typeof req.query.period === 'string' ? req.query.period : undefined;
    const period = asked && /^\d{4}(-S[12])?$/.test(asked) ? asked : undefined;
    const m = await this.complaints.metrics(me, unitId, period, lang);
    const today = todayInZone(this.clock.now());
    const fieldLabel = (f: string) => translate(lang, `complaint.field.${f}`);
    return this.pages.render(
      'complaints',
      {
        unit,
        period: m.period,
        periods: previousPeriods(currentSemester(today), 6)
          .reverse()
          .map((p) => ({ value: p, selected: p === m.period })),
        metrics: {
          ...m,
          firstResponseText: durationText(m.firstResponse, lang),
          resolutionText: durationText(m.resolution, lang),
          firstWithin: formatPercent(m.firstResponse.withinLimit, lang),
          resolutionWithin: formatPercent(m.resolution.withinLimit, lang),
          trend: m.trend.map((p) => ({
            ...p,
            medianText: days(p.medianResolution, lang),
            withinText: formatPercent(p.resolvedWithinLimit, lang),
          })),
        },
        canImport: can(me.role, 'complaints.import'),
        categories: m.byCategory.map((c) => ({
          ...c,
          raisable:
            can(me.role, 'findings.record') &&
            c.count >= 2 &&
            c.name !== translate(lang, 'complaint.none'),
        })),
        error,
        step: step && {
          ...step,
          fields: COMPLAINT_FIELDS.map((field) => ({
            field,
            label: fieldLabel(field),
            options: step.headers.map((h) => ({ value: h, selected: step.mapping[field] === h })),
          })),
          personal: step.result?.droppedPersonalColumns ?? [],
        },
      },
      frame,
    );
  }

  /**
   * The import form: a file (first step: checked as a dry run, the mapping shown for
   * confirmation) or the staged file with the confirmed mapping (second step: imported).
   */
  async submit(me: Principal, unitId: string, req: WebRequest, res: Response): Promise<void> {
    const lang = frameFor(req, 'complaint.page_title').lang;
    let step: ImportStep | null = null;
    try {
      const upload = await readFormUpload(req, PAGE_LIMIT);
      const source = upload.fields.source?.trim() || 'lapor';
      if (!SOURCE.test(source)) throw new ValidationFailed([{ field: 'source', rule: 'matches' }]);
      const bytes = upload.file ?? Buffer.from(upload.fields.staged ?? '', 'base64');
      if (bytes.length === 0) throw new ComplaintError('complaint_log_empty');
      if (bytes.length > PAGE_LIMIT) throw new PayloadTooLarge();
      const type: ComplaintFileType = bytes.subarray(0, 4).equals(ZIP) ? 'xlsx' : 'csv';
      const chosen = upload.file ? null : pickMapping(upload.fields);
      const query: ImportComplaintsQuery = { source, ...(chosen ?? {}) };
      step = {
        source,
        staged: bytes.toString('base64'),
        type,
        headers: [],
        mapping: chosen ?? {},
        result: null,
        problems: [],
      };
      if (!upload.file && upload.fields.confirm === '1') {
        await this.complaints.importBytes(
          me,
          unitId,
          { ...query, confirm: '1' },
          bytes,
          type,
          lang,
        );
        res.redirect(303, `/units/${unitId}/complaints?flash=complaints_imported&lang=${lang}`);
        return;
      }
      const result = await this.complaints.importBytes(
        me,
        unitId,
        { ...query, dryRun: '1' },
        bytes,
        type,
        lang,
      );
      step.result = result;
      step.mapping = result.mapping;
      step.headers = [
        ...new Set([
          ...Object.values(result.mapping).filter((v): v is string => v !== null),
          ...result.ignoredColumns,
        ]),
      ];
      res.type('html').send(await this.show(me, unitId, req, step));
    } catch (error) {
      const problem = formError(error, lang);
      const details = problem.details as
        | {
            headers?: string[];
            proposed?: ComplaintMapping;
            refused?: { message: string }[];
            problems?: { message: string }[];
          }
        | undefined;
      if (step && details?.headers) {
        step.headers = details.headers;
        if (details.proposed && Object.keys(step.mapping).length === 0)
          step.mapping = details.proposed;
      }
      if (step)
        step.problems = [...(details?.problems ?? []), ...(details?.refused ?? [])].map(
          (p) => p.message,
        );
      const status = error instanceof DomainError ? error.status : 400;
      res
        .status(status)
        .type('html')
        .send(
          await this.show(me, unitId, req, step?.headers.length ? step : null, problem.message),
        );
    }
  }
}

const pickMapping = (fields: Record<string, string>): Record<ComplaintField, string> =>
  Object.fromEntries(
    COMPLAINT_FIELDS.map((f) => [f, (fields[`map_${f}`] ?? '').slice(0, 100)]),
  ) as Record<ComplaintField, string>;

const days = (n: number | null, lang: Language): string =>
  n === null
    ? EMPTY_VALUE
    : translate(lang, 'complaint.days', { n: String(n).replace('.', lang === 'id' ? ',' : '.') });

const durationText = (d: Duration, lang: Language): string =>
  d.measured === 0
    ? EMPTY_VALUE
    : translate(lang, 'complaint.duration', {
        median: days(d.median, lang),
        p90: days(d.p90, lang),
      });
