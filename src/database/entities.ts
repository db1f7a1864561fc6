import { Assessment } from '../assessments/assessment.entity.js';
import { ClauseAssessment } from '../assessments/clause-assessment.entity.js';
import { AuditEvent } from '../audit-log/audit-event.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { Session } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { EvidenceVersion } from '../evidence/evidence-version.entity.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { ComplaintMappingRecord } from '../complaints/complaint-mapping.entity.js';
import { ComplaintSettings } from '../complaints/complaint-settings.entity.js';
import { Complaint } from '../complaints/complaint.entity.js';
import { CorrectiveAction } from '../findings/corrective-action.entity.js';
import { FindingOrigin } from '../findings/finding-origin.entity.js';
import { Finding } from '../findings/finding.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessSnapshot } from '../readiness/readiness-snapshot.entity.js';
import { UnitReadinessRecord } from '../readiness/unit-readiness.entity.js';
import { SatisfactionSurvey } from '../satisfaction/satisfaction-survey.entity.js';
import { IssuedReport } from '../reports/issued-report.entity.js';
import { Clause } from '../standards/clause.entity.js';
import { Standard } from '../standards/standard.entity.js';

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
  SatisfactionSurvey,
  Complaint,
  ComplaintMappingRecord,
  ComplaintSettings,
  FindingOrigin,
];
