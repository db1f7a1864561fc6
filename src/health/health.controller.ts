import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorator.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { HealthResponse } from '../openapi/accounts.responses.js';

export interface Health {
  status: 'ok';
  database: {
    engine: MutuConfig['database']['engine'];
    ok: true;
    latencyMs: number;
    migrationsPending: boolean;
  };
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
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
}
