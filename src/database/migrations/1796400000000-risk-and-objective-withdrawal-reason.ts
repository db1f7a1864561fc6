import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForEngine } from './run-for-engine.js';

/**
 * Never edit a migration that has landed.
 * A risk register entry and a quality objective are withdrawn with a reason (asked by the pages and
 * the API, like evidence); entries withdrawn before keep none.
 */
export class RiskAndObjectiveWithdrawalReason1796400000000 implements MigrationInterface {
  name = 'RiskAndObjectiveWithdrawalReason1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForEngine(queryRunner, {
      sqlite: [
        'ALTER TABLE "risk" ADD COLUMN "withdrawal_reason" text',
        'ALTER TABLE "quality_objective" ADD COLUMN "withdrawal_reason" text',
      ],
      postgres: [
        'ALTER TABLE "risk" ADD "withdrawal_reason" text',
        'ALTER TABLE "quality_objective" ADD "withdrawal_reason" text',
      ],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForEngine(queryRunner, {
      sqlite: [
        'ALTER TABLE "quality_objective" DROP COLUMN "withdrawal_reason"',
        'ALTER TABLE "risk" DROP COLUMN "withdrawal_reason"',
      ],
      postgres: [
        'ALTER TABLE "quality_objective" DROP COLUMN "withdrawal_reason"',
        'ALTER TABLE "risk" DROP COLUMN "withdrawal_reason"',
      ],
    });
  }
}
