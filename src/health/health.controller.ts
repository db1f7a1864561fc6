import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorator.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { Lifecycle } from '../observability/lifecycle.js';
import { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';
import { checkDataDir, type DataDirCheck } from './readiness-checks.js';
import {
  HealthLiveResponse,
  HealthResponse,
  ReadinessResponse,
} from '../openapi/accounts.responses.js';

export interface Health {
  status: 'ok';
  database: {
    engine: MutuConfig['database']['engine'];
    ok: true;
    latencyMs: number;
    migrationsPending: boolean;
  };
}

export interface Readiness {
  status: 'ready' | 'not_ready' | 'draining';
  checks: {
    database: { ok: boolean; engine: MutuConfig['database']['engine']; latencyMs: number | null };
    migrations: { ok: boolean; pending: boolean | null };
    dataDir: DataDirCheck;
    /** Informative: the browser starts on the first report; a missing one only stops PDFs. */
    pdf: { ok: true; browser: 'running' | 'not_started'; inFlight: number; queued: number };
    shutdown: { ok: boolean; draining: boolean };
  };
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly lifecycle: Lifecycle,
    private readonly pdf: PdfRendererProvider,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness and database reachability (503 when the database does not answer)',
  })
  @ApiOkResponse({ type: HealthResponse })
  async check(): Promise<Health> {
    const started = performance.now();
    try {
      await this.db.query('SELECT 1');
      const migrationsPending = await this.db.showMigrations();
      return {
        status: 'ok',
        database: {
          engine: this.config.database.engine,
          ok: true,
          latencyMs: Math.round((performance.now() - started) * 10) / 10,
          migrationsPending,
        },
      };
    } catch {
      throw new ServiceUnavailableException();
    }
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and answering (200 while draining too)' })
  @ApiOkResponse({ type: HealthLiveResponse })
  live(): { status: 'ok'; uptimeS: number } {
    return { status: 'ok', uptimeS: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: database reachable, migrations applied, data folder writable with free space; ' +
      '503 with each check while not ready or shutting down',
  })
  @ApiOkResponse({ type: ReadinessResponse })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const [database, dataDir] = await Promise.all([
      this.database(),
      checkDataDir(this.config.dataDir, this.config.minFreeBytes).catch(
        (error: unknown): DataDirCheck => ({
          ok: false,
          writable: false,
          freeBytes: null,
          minFreeBytes: this.config.minFreeBytes,
          problem: error instanceof Error ? error.message : String(error),
        }),
      ),
    ]);
    const stats = this.pdf.stats();
    const draining = this.lifecycle.draining;
    const checks: Readiness['checks'] = {
      database: database.database,
      migrations: database.migrations,
      dataDir,
      pdf: {
        ok: true,
        browser: stats.browserPid === undefined ? 'not_started' : 'running',
        inFlight: stats.inFlight,
        queued: stats.queued,
      },
      shutdown: { ok: !draining, draining },
    };
    const ok = Object.values(checks).every((c) => c.ok);
    res.status(ok ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    return { status: draining ? 'draining' : ok ? 'ready' : 'not_ready', checks };
  }

  private async database(): Promise<Pick<Readiness['checks'], 'database' | 'migrations'>> {
    const engine = this.config.database.engine;
    const started = performance.now();
    try {
      await this.db.query('SELECT 1');
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      try {
        const pending = await this.db.showMigrations();
        return {
          database: { ok: true, engine, latencyMs },
          migrations: { ok: !pending, pending },
        };
      } catch {
        return {
          database: { ok: true, engine, latencyMs },
          migrations: { ok: false, pending: null },
        };
      }
    } catch {
      return {
        database: { ok: false, engine, latencyMs: null },
        migrations: { ok: false, pending: null },
      };
    }
  }
}
