import type { Principal } from '../auth/principal.js';
import type { Language } from '../i18n/i18n.js';

/** What became of the evidence PDF an import should have produced. */
export interface EvidenceOutcome {
  /** The evidence item (9.1.2) holding the survey report; null when it could not be made now. */
  evidenceId: string | null;
  /** Its version holding this import's report (1 the first time, then one more per re-import). */
  version: number | null;
  /**
   * Why the evidence is missing (browser_unavailable, render_queue_full, render_timeout, …), null
   * when it exists. POST /api/satisfaction-surveys/:id/evidence makes it later.
   */
  missing: string | null;
}

/**
 * Turns a stored survey into its evidence PDF. Implemented where the PDFs are made (reports/,
 * which satisfaction/ may not import); looked up at run time, so the import works without it.
 */
export abstract class SurveyEvidencePort {
  /** Renders and stores; an unavailable or busy renderer answers `missing`, never throws for it. */
  abstract afterImport(me: Principal, surveyId: string, lang: Language): Promise<EvidenceOutcome>;
}
