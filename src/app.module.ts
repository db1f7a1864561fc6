import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MUTU_CONFIG, type MutuConfig } from './config/configuration.js';
import { DataSource } from 'typeorm';
import { ClockModule } from './common/clock.js';
import { dataSourceOptions } from './database/data-source.js';
import { serializeSqliteTransactions } from './database/sqlite-transactions.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { AuditLogModule } from './audit-log/audit-log.module.js';
import { AuthModule } from './auth/auth.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { FindingsModule } from './findings/findings.module.js';
import { HealthController } from './health/health.controller.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { ReadinessModule } from './readiness/readiness.module.js';
import { RenderingModule } from './rendering/rendering.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SatisfactionModule } from './satisfaction/satisfaction.module.js';
import { RisksModule } from './risks/risks.module.js';
import { ObjectivesModule } from './objectives/objectives.module.js';
import { DiagnosticsModule } from './diagnostics/diagnostics.module.js';
import { AuditProgrammeModule } from './audit-programme/audit-programme.module.js';
import { ManagementReviewModule } from './management-review/management-review.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { SeedingModule } from './seeding/seeding.module.js';
import { WebModule } from './web/web.module.js';
import { StandardsModule } from './standards/standards.module.js';

@Global()
@Module({})
class ConfigHolderModule {
  static register(config: MutuConfig): DynamicModule {
    return {
      module: ConfigHolderModule,
      providers: [{ provide: MUTU_CONFIG, useValue: config }],
      exports: [MUTU_CONFIG],
    };
  }
}

/** The whole application, built from an already validated configuration (see config/configuration.ts). */
@Module({})
export class AppModule {
  static register(config: MutuConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigHolderModule.register(config),
        ClockModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config),
          dataSourceFactory: async (options) =>
            serializeSqliteTransactions(await new DataSource(options!).initialize()),
        }),
        AuthModule,
        AuditLogModule,
        StandardsModule,
        OrganisationsModule,
        EvidenceModule,
        AssessmentsModule,
        FindingsModule,
        ReadinessModule,
        RenderingModule,
        ReportsModule,
        SatisfactionModule,
        RisksModule,
        ObjectivesModule,
        NotificationsModule,
        DocumentsModule,
        DiagnosticsModule,
        AuditProgrammeModule,
        ManagementReviewModule,
        ComplaintsModule,
        SeedingModule,
        WebModule,
        ObservabilityModule,
      ],
      controllers: [HealthController],
    };
  }
}
