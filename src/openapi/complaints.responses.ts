import type { ComplaintMapping } from '../complaints/complaint-mapping.js';
import type { Count, Duration, ServiceLimits } from '../complaints/complaint-metrics.js';
import type {
  ComplaintMetricsView,
  ComplaintSettingsView,
  ComplaintTrendPoint,
} from '../complaints/complaint-views.js';
import type { ComplaintImportResult } from '../complaints/complaints.service.js';
import type { Holiday, HolidayKind } from '../complaints/working-days.js';

/** field → the header of its column in the file, null when not mapped. */
export class ComplaintMappingResponse implements ComplaintMapping {
  trackingId!: string | null;
  channel!: string | null;
  category!: string | null;
  received!: string | null;
  firstResponse!: string | null;
  resolved!: string | null;
  status!: string | null;
  summary!: string | null;
}

export class ComplaintImportResponse implements ComplaintImportResult {
  source!: string;
  dryRun!: boolean;
  mapping!: ComplaintMappingResponse;
  /** Where the mapping came from: the request, the one saved for the source, or the defaults. */
  mappingFrom!: 'request' | 'saved' | 'default';
  /** Columns of personal data dropped unread (names, phone numbers, NIK, e-mail, addresses). */
  droppedPersonalColumns!: string[];
  ignoredColumns!: string[];
  rows!: number;
  created!: number;
  updated!: number;
  unchanged!: number;
  notice!: string;
}

export class ComplaintCountResponse implements Count {
  name!: string;
  count!: number;
}

export class ComplaintDurationResponse implements Duration {
  measured!: number;
  /** Working days. */
  median!: number | null;
  /** Working days (nearest rank). */
  p90!: number | null;
  /** Share within the service limit, 0..1. */
  withinLimit!: number | null;
}

export class ComplaintLimitsResponse implements ServiceLimits {
  verifyDays!: number;
  followUpDays!: number;
}

export class ComplaintTrendResponse implements ComplaintTrendPoint {
  period!: string;
  received!: number;
  open!: number;
  medianResolution!: number | null;
  resolvedWithinLimit!: number | null;
}

export class ComplaintMetricsResponse implements ComplaintMetricsView {
  unitId!: string;
  /** YYYY, YYYY-S1 or YYYY-S2. */
  period!: string;
  limits!: ComplaintLimitsResponse;
  received!: number;
  byCategory!: ComplaintCountResponse[];
  byChannel!: ComplaintCountResponse[];
  firstResponse!: ComplaintDurationResponse;
  resolution!: ComplaintDurationResponse;
  open!: number;
  overdue!: number;
  trend!: ComplaintTrendResponse[];
}

export class OrganisationHolidayResponse {
  date!: string;
  name!: string;
}

export class NationalHolidayResponse implements Holiday {
  date!: string;
  name!: string;
  kind!: HolidayKind;
}

export class ComplaintSettingsResponse implements ComplaintSettingsView {
  organisationId!: string;
  verifyDays!: number;
  followUpDays!: number;
  holidays!: OrganisationHolidayResponse[];
  year!: number;
  nationalHolidays!: NationalHolidayResponse[];
  nationalSource!: 'skb' | 'date-holidays';
}
