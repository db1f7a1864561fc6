import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795432875361 } from './1795432875361-initial-schema.js';
import { AddSessions1795433399634 } from './1795433399634-add-sessions.js';
import { AddReadinessSnapshots1795434017181 } from './1795434017181-add-readiness-snapshots.js';
import { AddIssuedReports1795436986073 } from './1795436986073-add-issued-reports.js';
import { UnitManagedBy1795445234341 } from './1795445234341-unit-managed-by.js';
import { UnitReadiness1796162478792 } from './1796162478792-unit-readiness.js';
import { AddSatisfactionSurveys1796164314159 } from './1796164314159-add-satisfaction-surveys.js';
import { EvidenceWithdrawal1796290000000 } from './1796290000000-evidence-withdrawal.js';
import { AddDocuments1796300000000 } from './1796300000000-add-documents.js';
import { AddNotifications1796310000000 } from './1796310000000-add-notifications.js';
import { AddAuditProgrammeAndManagementReview1796320000000 } from './1796320000000-add-audit-programme-and-management-review.js';
import { AddRisksAndObjectives1796330000000 } from './1796330000000-add-risks-and-objectives.js';
import { AddComplaints1796340000000 } from './1796340000000-add-complaints.js';
import { AddDiagnostics1796350000000 } from './1796350000000-add-diagnostics.js';
import { RiskAndObjectiveWithdrawalReason1796400000000 } from './1796400000000-risk-and-objective-withdrawal-reason.js';
import { OrganisationReadiness1796430000000 } from './1796430000000-organisation-readiness.js';

/** Every migration in order; `npm run migration:generate -- Name` appends to this list. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795432875361,
  AddSessions1795433399634,
  AddReadinessSnapshots1795434017181,
  AddIssuedReports1795436986073,
  UnitManagedBy1795445234341,
  UnitReadiness1796162478792,
  AddSatisfactionSurveys1796164314159,
  EvidenceWithdrawal1796290000000,
  AddDocuments1796300000000,
  AddNotifications1796310000000,
  AddAuditProgrammeAndManagementReview1796320000000,
  AddRisksAndObjectives1796330000000,
  AddComplaints1796340000000,
  AddDiagnostics1796350000000,
  RiskAndObjectiveWithdrawalReason1796400000000,
  OrganisationReadiness1796430000000,
];
