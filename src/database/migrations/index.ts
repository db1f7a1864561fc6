import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795432875361 } from './1795432875361-initial-schema.js';

/** Every migration in order; `npm run migration:generate -- Name` appends to this list. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [InitialSchema1795432875361];
