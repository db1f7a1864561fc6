import type { ElementCode } from '../satisfaction/elements.js';
import type { Grade } from '../satisfaction/ikm.js';
import type { SurveySource } from '../satisfaction/satisfaction-survey.entity.js';
import type { ImportResult } from '../satisfaction/satisfaction.service.js';
import type { SurveyWarning } from '../satisfaction/survey-import.js';
import type { Profile } from '../satisfaction/survey-sheet.js';
import type { SurveyElementView, SurveySummary, SurveyView } from '../satisfaction/survey-views.js';
import type { EvidenceOutcome } from '../satisfaction/survey-evidence-port.js';

export class SurveyElementResponse implements SurveyElementView {
  /** U1–U9 as Permenpan RB 14/2017 numbers them. */
  code!: ElementCode;
  name!: string;
  /** Mean answer of the element (1–4). */
  nrr!: number;
}

export class SurveyServiceElementResponse {
  code!: ElementCode;
  nrr!: number;
}

export class SurveyServiceResponse {
  service!: string;
  respondents!: number;
  ikm!: number;
  grade!: Grade;
  elements!: SurveyServiceElementResponse[];
}

export class SurveyWarningResponse implements SurveyWarning {
  code!: 'ikm_mismatch';
  message!: string;
}

/** Respondents per answer (e.g. {"Perempuan": 30, "Laki-laki": 18}) of each profile question. */
export class SurveyProfileResponse implements Profile {
  sex!: Record<string, number>;
  age!: Record<string, number>;
  education!: Record<string, number>;
  occupation!: Record<string, number>;
}

export class SurveyResponse implements SurveyView {
  id!: string | null;
  unitId!: string;
  /** YYYY, YYYY-S1 or YYYY-S2. */
  period!: string;
  source!: SurveySource;
  label!: string | null;
  respondents!: number;
  elements!: SurveyElementResponse[];
  /** The elements with the lowest NRR, where improvement starts. */
  lowest!: ElementCode[];
  /** Indeks Kepuasan Masyarakat, 25–100, two decimals. */
  ikm!: number;
  grade!: Grade;
  gradeLabel!: string;
  byService!: SurveyServiceResponse[];
  reportedIkm!: number | null;
  warnings!: SurveyWarningResponse[];
  /** Respondents per answer of each profile question. */
  profile!: SurveyProfileResponse | null;
  sha256!: string;
  importedAt!: string | null;
}

/** The generated report PDF stored as evidence, or why it is missing for now. */
export class EvidenceOutcomeResponse implements EvidenceOutcome {
  evidenceId!: string | null;
  version!: number | null;
  /** browser_unavailable, render_queue_full, render_timeout, evidence_failed; null when stored. */
  missing!: string | null;
}

export class SurveyImportResponse extends SurveyResponse implements ImportResult {
  dryRun!: boolean;
  replaced!: boolean;
  /** The survey report stored as evidence for 9.1.2; null on a dry run. */
  evidence!: EvidenceOutcomeResponse | null;
}

export class SurveySummaryResponse implements SurveySummary {
  id!: string;
  period!: string;
  source!: SurveySource;
  label!: string | null;
  respondents!: number;
  ikm!: number;
  grade!: Grade;
  importedAt!: string;
}
