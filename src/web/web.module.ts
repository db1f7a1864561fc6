import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AuditLogModule } from '../audit-log/audit-log.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { FindingsModule } from '../findings/findings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { ObjectivesModule } from '../objectives/objectives.module.js';
import { RisksModule } from '../risks/risks.module.js';
import { SatisfactionModule } from '../satisfaction/satisfaction.module.js';
import { DiagnosticsModule } from '../diagnostics/diagnostics.module.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { AuditProgrammeModule } from '../audit-programme/audit-programme.module.js';
import { ManagementReviewModule } from '../management-review/management-review.module.js';
import { StandardsModule } from '../standards/standards.module.js';
import { AdminPage } from './admin-page.js';
import { AdminPagesController } from './admin-pages.controller.js';
import { AdminUnitsPage } from './admin-units-page.js';
import { AdminUsersPage } from './admin-users-page.js';
import { AuditPage } from './audit-page.js';
import { AuditPagesController } from './audit-pages.controller.js';
import { AuthPage } from './auth-page.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { CyclePage } from './cycle-page.js';
import { CyclePagesController } from './cycle-pages.controller.js';
import { EvidencePage } from './evidence-page.js';
import { HomeController } from './home.controller.js';
import { HomeService } from './home.service.js';
import { DashboardPage } from './dashboard-page.js';
import { PageInterceptor } from './page.js';
import { NotificationPagesController } from './notification-pages.controller.js';
import { NotificationsPage } from './notifications-page.js';
import { DocumentsPage } from './documents-page.js';
import { DocumentsPagesController } from './documents-pages.controller.js';
import { DiagnosticPage } from './diagnostic-page.js';
import { DiagnosticPagesController } from './diagnostic-pages.controller.js';
import { PageRenderer } from './page-renderer.js';
import { AuditProgrammePage } from './audit-programme-page.js';
import { AuditProgrammePagesController } from './audit-programme-pages.controller.js';
import { ManagementReviewPage } from './management-review-page.js';
import { ManagementReviewPagesController } from './management-review-pages.controller.js';
import { QualityPlanPage } from './quality-plan-page.js';
import { QualityPlanPagesController } from './quality-plan-pages.controller.js';
import { SatisfactionPage } from './satisfaction-page.js';
import { SatisfactionPagesController } from './satisfaction-pages.controller.js';
import { ComplaintsPage } from './complaints-page.js';
import { ComplaintsPagesController } from './complaints-pages.controller.js';
import { UnitPage } from './unit-page.js';
import { UnitPagesController } from './unit-pages.controller.js';
import { WorkPage } from './work-page.js';
import { WorkPagesController } from './work-pages.controller.js';

/** Server-rendered pages. Nothing imports this module: it only calls the services of the others. */
@Module({
  imports: [
    StandardsModule,
    OrganisationsModule,
    EvidenceModule,
    AssessmentsModule,
    AuditLogModule,
    FindingsModule,
    ReadinessModule,
    ReportsModule,
    SatisfactionModule,
    NotificationsModule,
    RisksModule,
    ObjectivesModule,
    DocumentsModule,
    DiagnosticsModule,
    ComplaintsModule,
    ManagementReviewModule,
    AuditProgrammeModule,
  ],
  controllers: [
    AuthPagesController,
    HomeController,
    UnitPagesController,
    WorkPagesController,
    CyclePagesController,
    AdminPagesController,
    AuditPagesController,
    SatisfactionPagesController,
    NotificationPagesController,
    QualityPlanPagesController,
    DocumentsPagesController,
    DiagnosticPagesController,
    ComplaintsPagesController,
    ManagementReviewPagesController,
    AuditProgrammePagesController,
  ],
  providers: [
    PageRenderer,
    ManagementReviewPage,
    AuditProgrammePage,
    PageInterceptor,
    HomeService,
    UnitPage,
    WorkPage,
    DashboardPage,
    AdminPage,
    AdminUsersPage,
    AdminUnitsPage,
    SatisfactionPage,
    AuthPage,
    CyclePage,
    AuditPage,
    EvidencePage,
    QualityPlanPage,
    DocumentsPage,
    DiagnosticPage,
    ComplaintsPage,
    NotificationsPage,
  ],
  exports: [PageRenderer],
})
export class WebModule {}
