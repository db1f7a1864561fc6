import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AuditLogModule } from '../audit-log/audit-log.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { FindingsModule } from '../findings/findings.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ReadinessModule } from '../readiness/readiness.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SatisfactionModule } from '../satisfaction/satisfaction.module.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { StandardsModule } from '../standards/standards.module.js';
import { AdminPage } from './admin-page.js';
import { AdminPagesController } from './admin-pages.controller.js';
import { AuditPagesController } from './audit-pages.controller.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { CyclePagesController } from './cycle-pages.controller.js';
import { HomeController } from './home.controller.js';
import { HomeService } from './home.service.js';
import { DashboardPage } from './dashboard-page.js';
import { PageRenderer } from './page-renderer.js';
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
    ComplaintsModule,
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
    ComplaintsPagesController,
  ],
  providers: [
    PageRenderer,
    HomeService,
    UnitPage,
    WorkPage,
    DashboardPage,
    AdminPage,
    ComplaintsPage,
  ],
  exports: [PageRenderer],
})
export class WebModule {}
