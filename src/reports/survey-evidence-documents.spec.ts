import type { ComplaintMetricsView } from '../complaints/complaint-views.js';
import type { SurveyView } from '../satisfaction/survey-views.js';
import { reportTemplates } from './report-templates.js';
import {
  complaintSummaryDocument,
  surveyReportDocument,
  type EvidenceReportSubject,
} from './survey-evidence-documents.js';

const templates = reportTemplates();
const subject: EvidenceReportSubject = {
  organisation: { id: 'o', code: 'KPG', name: 'Pemerintah Kota Kupang', reportPrefix: 'KPG' },
  unit: { name: 'Dinas <Dukcapil>', code: 'DUKCAPIL' },
  generatedAt: new Date('2026-11-23T06:30:00Z'),
};
const survey: SurveyView = {
  id: 's',
  unitId: 'u',
  period: '2026-S1',
  source: 'questionnaires',
  label: null,
  respondents: 90,
  elements: [
    { code: 'U1', name: 'Persyaratan', nrr: 3.125 },
    { code: 'U2', name: 'Prosedur', nrr: 3.5 },
  ],
  lowest: ['U1'],
  ikm: 87.28,
  grade: 'B',
  gradeLabel: 'Baik',
  byService: [
    { service: 'KTP-el', respondents: 50, ikm: 88.5, grade: 'A', elements: [] },
    { service: 'Akta', respondents: 40, ikm: 85.75, grade: 'B', elements: [] },
  ],
  reportedIkm: null,
  warnings: [],
  profile: { sex: { L: 40, P: 50 }, age: {}, education: {}, occupation: {} },
  sha256: 'x'.repeat(64),
  importedAt: null,
};
const duration = { measured: 2, median: 1.5, p90: 3, withinLimit: 0.5 };
const metrics: ComplaintMetricsView = {
  unitId: 'u',
  period: '2026-S1',
  limits: { verifyDays: 3, followUpDays: 5 },
  received: 7,
  byCategory: [{ name: 'Antrean', count: 7 }],
  byChannel: [{ name: 'SP4N-LAPOR!', count: 7 }],
  firstResponse: duration,
  resolution: duration,
  open: 2,
  overdue: 1,
  trend: [
    { period: '2026-S1', received: 7, open: 2, medianResolution: 1.5, resolvedWithinLimit: 0.5 },
  ],
};

describe('survey and complaint evidence documents', () => {
  it.each([
    ['id', ['87,28', '3,13', '88,50', 'Baik', 'Hasil SKM periode 2026-S1', 'L: 40']],
    ['en', ['87.28', '3.13', '88.50', 'SKM results, period 2026-S1', 'Per service']],
  ] as const)('renders the survey report in %s with its numbers', (lang, expected) => {
    const doc = surveyReportDocument(templates, subject, survey, lang);
    for (const text of expected) expect(doc.html).toContain(text);
    expect(doc.html).toContain('Dinas &lt;Dukcapil&gt;');
    expect(doc.headerHtml).toContain('SKM 2026-S1');
    expect(doc.title).toContain('2026-S1');
  });

  it.each([
    ['id', ['Ringkasan pengaduan periode 2026-S1', '1,5', '50%', 'Antrean'], 'Pengaduan 2026-S1'],
    ['en', ['Complaint summary, period 2026-S1', '1.5', '50%'], 'Complaints 2026-S1'],
  ] as const)('renders the complaint summary in %s', (lang, expected, header) => {
    const doc = complaintSummaryDocument(templates, subject, metrics, lang);
    for (const text of expected) expect(doc.html).toContain(text);
    expect(doc.headerHtml).toContain(header);
  });
});
