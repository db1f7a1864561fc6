import type { QueryRunner } from 'typeorm';

export interface EngineSql {
  sqlite: string[];
  postgres: string[];
}

/** Runs the statements written for the engine behind the query runner (migrations are generated per engine). */
export async function runForEngine(queryRunner: QueryRunner, sql: EngineSql): Promise<void> {
  const type = queryRunner.connection.options.type;
  const statements =
    type === 'postgres' ? sql.postgres : type === 'better-sqlite3' ? sql.sqlite : null;
  if (!statements) throw new Error(`No migration SQL for database type ${type}`);
  for (const statement of statements) await queryRunner.query(statement);
}
