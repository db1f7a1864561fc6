import { Assessment } from '../assessments/assessment.entity.js';
import { ClauseAssessment } from '../assessments/clause-assessment.entity.js';
import { AuditEvent } from '../audit-log/audit-event.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { Session } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { DocumentAcknowledgement } from '../documents/document-acknowledgement.entity.js';
import { DocumentRevision } from '../documents/document-revision.entity.js';
import { Document } from '../documents/document.entity.js';
import { EvidenceVersion } from '../evidence/evidence-version.entity.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { ComplaintMappingRecord } from '../complaints/complaint-mapping.entity.js';
import { ComplaintSettings } from '../complaints/complaint-settings.entity.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { CorrectiveAction } from '../findings/corrective-action.entity.js';
import { FindingOrigin } from '../findings/finding-origin.entity.js';
import { Finding } from '../findings/finding.entity.js';
import { NotificationDelivery } from '../notifications/notification-delivery.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessSnapshot } from '../readiness/readiness-snapshot.entity.js';
import { UnitReadinessRecord } from '../readiness/unit-readiness.entity.js';
import { OrganisationReadinessRecord } from '../readiness/organisation-readiness.entity.js';
import { ObjectiveMeasurement } from '../objectives/measurement.entity.js';
import { QualityObjective } from '../objectives/objective.entity.js';
import { RiskMatrixRecord } from '../risks/risk-matrix.entity.js';
import { Risk } from '../risks/risk.entity.js';
import { SatisfactionSurvey } from '../satisfaction/satisfaction-survey.entity.js';
import { IssuedReport } from '../reports/issued/issued-report.entity.js';
import { Clause } from '../standards/clause.entity.js';
import { DiagnosticCatalogue } from '../diagnostics/diagnostic-catalogue.entity.js';
import { DiagnosticIndicator } from '../diagnostics/diagnostic-indicator.entity.js';
import { DiagnosticRatingRecord } from '../diagnostics/diagnostic-rating.entity.js';
import { Diagnostic } from '../diagnostics/diagnostic.entity.js';
import { Standard } from '../standards/standard.entity.js';
import { AuditProgramme, AuditProgrammeEntry } from '../audit-programme/audit-programme.entity.js';
import { ManagementReview, ReviewDecision } from '../management-review/management-review.entity.js';

/** Every entity, listed explicitly (no globs: the build is ES modules). */
export const ENTITIES = [
  Organisation,
  Unit,
  Standard,
  Clause,
  User,
  Assessment,
  ClauseAssessment,
  Evidence,
  EvidenceVersion,
  Finding,
  CorrectiveAction,
  AuditEvent,
  Session,
  LoginThrottle,
  ReadinessSnapshot,
  IssuedReport,
  UnitReadinessRecord,
  OrganisationReadinessRecord,
  SatisfactionSurvey,
  Risk,
  RiskMatrixRecord,
  QualityObjective,
  ObjectiveMeasurement,
  Notification,
  NotificationDelivery,
  Document,
  DocumentRevision,
  DocumentAcknowledgement,
  DiagnosticCatalogue,
  DiagnosticIndicator,
  Diagnostic,
  DiagnosticRatingRecord,
  AuditProgramme,
  AuditProgrammeEntry,
  ManagementReview,
  ReviewDecision,
  Complaint,
  ComplaintMappingRecord,
  ComplaintSettings,
  FindingOrigin,
];
