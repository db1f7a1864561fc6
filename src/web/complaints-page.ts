import { Injectable } from '@nestjs/common';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import { EMPTY_VALUE, formatPercent } from '../common/numbers.js';
import { COMPLAINT_FIELDS, type ComplaintMapping } from '../complaints/complaint-mapping.js';
import type { ComplaintFileType } from '../complaints/complaint-import.js';
import { ComplaintFindings } from '../complaints/complaint-findings.js';
import type { Duration } from '../complaints/complaint-metrics.js';
import { previousPeriods, currentSemester } from '../complaints/complaint-views.js';
import { ComplaintsService, type ComplaintImportResult } from '../complaints/complaints.service.js';
import type {
  ImportComplaintsQuery,
  RaiseComplaintFindingInput,
} from '../complaints/complaints.dto.js';
import { todayInZone } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { translate, type Language } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { complaintImportForm } from './complaint-forms.js';
import type { PendingFormUpload } from './complaint-upload.js';
import { formError, type Posted } from './forms.js';
import { Redirect, Refused } from './page.js';

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

/** The unit's complaint page: metrics of a period, the trend, and the import with its mapping step. */
@Injectable()
export class ComplaintsPage {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly raising: ComplaintFindings,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  /** templates/pages/complaints.hbs; `asked`: the period of ?period= (the current one if none). */
  async show(
    me: Principal,
    unitId: string,
    lang: Language,
    asked: unknown,
    step: ImportStep | null = null,
    error: string | null = null,
  ) {
    const unit = await this.organisations.unit(me, unitId);
    const period = typeof asked === 'string' && /^\d{4}(-S[12])?$/.test(asked) ? asked : undefined;
    const m = await this.complaints.metrics(me, unitId, period, lang);
    const today = todayInZone(this.clock.now());
    const fieldLabel = (f: string) => translate(lang, `complaint.field.${f}`);
    return {
      pageTitle: translate(lang, 'complaint.page_title', { unit: unit.name }),
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
      canImport: can(me, 'complaints.import'),
      categories: m.byCategory.map((c) => ({
        ...c,
        raisable:
          can(me, 'findings.record') &&
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
    };
  }

  /** One click from a recurring category to a finding in the current assessment. */
  raise(
    me: Principal,
    unitId: string,
    lang: Language,
    asked: unknown,
    form: Posted<RaiseComplaintFindingInput>,
  ) {
    return form.submit(
      async (input) =>
        `/findings/${(await this.raising.raise(me, unitId, input, lang)).id}?flash=finding_raised`,
      ({ problem }) => this.show(me, unitId, lang, asked, null, problem.message),
    );
  }

  /**
   * The import form: a file (first step: checked as a dry run, the mapping shown for
   * confirmation) or the staged file with the confirmed mapping (second step: imported).
   */
  async import(
    me: Principal,
    unitId: string,
    lang: Language,
    asked: unknown,
    upload: PendingFormUpload,
  ) {
    let step: ImportStep | null = null;
    try {
      const form = complaintImportForm(await upload.read(PAGE_LIMIT), PAGE_LIMIT);
      const query: ImportComplaintsQuery = { source: form.source, ...(form.mapping ?? {}) };
      step = {
        source: form.source,
        staged: form.bytes.toString('base64'),
        type: form.type,
        headers: [],
        mapping: form.mapping ?? {},
        result: null,
        problems: [],
      };
      if (form.confirm) {
        await this.complaints.importBytes(
          me,
          unitId,
          { ...query, confirm: '1' },
          form.bytes,
          form.type,
          lang,
        );
        return new Redirect(`/units/${unitId}/complaints?flash=complaints_imported&lang=${lang}`);
      }
      const result = await this.complaints.importBytes(
        me,
        unitId,
        { ...query, dryRun: '1' },
        form.bytes,
        form.type,
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
      return await this.show(me, unitId, lang, asked, step);
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
      const view = await this.show(
        me,
        unitId,
        lang,
        asked,
        step?.headers.length ? step : null,
        problem.message,
      );
      return new Refused(error instanceof DomainError ? error.status : 400, {}, view);
    }
  }
}

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
