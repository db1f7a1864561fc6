import { type INestApplication, Logger, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { AdmissionGate, admissionMiddleware } from './common/admission.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { ValidationFailed } from './common/domain-error.js';
import { RefuseNulCharactersPipe } from './common/nul-characters.js';
import { requestContextMiddleware } from './common/request-context.js';
import { httpObserver } from './observability/http-observer.js';
import { Lifecycle } from './observability/lifecycle.js';
import { MutuLogger } from './observability/logger.js';
import { MetricsService } from './observability/metrics.service.js';
import { AuthService } from './auth/auth.service.js';
import { loadOpenApiMetadata, setupOpenApi } from './openapi-document.js';
import { MUTU_CONFIG, type MutuConfig } from './config/configuration.js';
import { EvidenceStore } from './evidence/evidence-store.js';
import { ReportStore } from './reports/issued/report-store.js';
import { sweepBrowserProfiles } from './rendering/pdf-renderer.js';
import { Seeder } from './seeding/seeder.js';
import { errorPage } from './web/error-page.js';
import { PageRenderer } from './web/page-renderer.js';
import { projectRoot } from './config/project-root.js';
import { join } from 'node:path';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Global behaviour shared by the server and the tests: validation, errors, security headers, OpenAPI. */
export function configureApp(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.set('trust proxy', app.get<MutuConfig>(MUTU_CONFIG).trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          // Offices also reach Mutu over plain HTTP on their LAN: never rewrite asset URLs to https.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(requestContextMiddleware);
  app.use(httpObserver(app.get(Lifecycle), app.get(MetricsService)));
  const errorFilter = new AllExceptionsFilter(errorPage(app.get(PageRenderer)));
  const { maxInflight, maxLagMs } = app.get<MutuConfig>(MUTU_CONFIG);
  const gate = new AdmissionGate(maxInflight, maxLagMs);
  app.use(admissionMiddleware(gate, errorFilter));
  app.getHttpServer().once('close', () => gate.stop());
  app.use(cookieParser());
  app.useGlobalPipes(
    new RefuseNulCharactersPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => ValidationFailed.fromValidator(errors),
    }),
  );
  app.useGlobalFilters(errorFilter);
  app.useStaticAssets(join(projectRoot(), 'templates', 'pages', 'assets'), {
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
  });
  // No enableShutdownHooks(): main.ts drains the server on SIGTERM/SIGINT, then closes the app.

  setupOpenApi(app);
}

/**
 * Creates the application: migrates the database, loads catalogues (and the demo data when asked),
 * cleans temporary files (uploads, reports) a crash left behind. Does not listen.
 */
export async function createApp(
  config: MutuConfig,
  options: { logger?: false } = {},
): Promise<NestExpressApplication> {
  const logger =
    options.logger === false
      ? false
      : new MutuLogger({
          format: config.logFormat,
          logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
        });
  await loadOpenApiMetadata();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger,
    bufferLogs: false,
  });
  configureApp(app);
  await prepareDatabase(app, config);
  await app.init();
  return app;
}

export async function prepareDatabase(app: INestApplication, config: MutuConfig): Promise<void> {
  const db = app.get<DataSource>(getDataSourceToken());
  const ran = await db.runMigrations({ transaction: 'each' });
  if (ran.length > 0)
    new Logger('Database').log(
      `Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`,
    );
  await app.get(Seeder).seed({ demo: config.demo.enabled });
  await app.get(AuthService).ensureFirstAdmin();
  const uploads = await new EvidenceStore(config.dataDir).sweepTemporary();
  if (uploads > 0)
    new Logger('Evidence').warn(`Removed ${uploads} unfinished upload(s) left by an earlier crash`);
  const reports = await new ReportStore(config.dataDir).sweepTemporary();
  if (reports > 0)
    new Logger('Reports').warn(
      `Removed ${reports} unfinished report file(s) left by an earlier crash`,
    );
  const profiles = await sweepBrowserProfiles();
  if (profiles > 0)
    new Logger('Reports').warn(
      `Removed ${profiles} PDF browser profile(s) left by an earlier crash`,
    );
}
