import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { ReadinessKeeper } from '../common/readiness-keeper.js';
import { snapshotUnits } from './readiness-snapshots.js';

/**
 * The ReadinessKeeper every module is given (ReadinessModule provides it under that token): each
 * change recomputes and stores the units it moved, with their trend, in the change's transaction.
 */
@Injectable()
export class StoredReadiness implements ReadinessKeeper {
  constructor(private readonly clock: Clock) {}

  async unitsChanged(
    manager: EntityManager,
    unitIds: string | readonly string[],
  ): Promise<boolean> {
    const ids = typeof unitIds === 'string' ? [unitIds] : [...unitIds];
    if (ids.length === 0) return false;
    return (await snapshotUnits(manager, { unitIds: ids }, { now: this.clock.now() })).written > 0;
  }

  async organisationChanged(manager: EntityManager, organisationId: string): Promise<boolean> {
    const now = this.clock.now();
    return (await snapshotUnits(manager, { organisationId }, { now })).written > 0;
  }
}
