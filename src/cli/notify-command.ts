import type { DataSource } from 'typeorm';
import type { CommandSpec, ParsedArgs } from '../common/command-line.js';
import type { MutuConfig } from '../config/configuration.js';
import { NotificationEngine } from '../notifications/notification-engine.js';
import type { ScanResult } from '../notifications/notification-scanner.js';

/** One line per notification: kind, recipient, due day, record link. */
export function describeScan(result: ScanResult, users: Map<string, string>): string[] {
  return result.created.map(
    (c) => `${c.kind}\t${users.get(c.recipientId) ?? c.recipientId}\t${c.dueOn}\t${c.url}`,
  );
}

/** `mutu notify [--dry-run]`: the scheduler's round once (for cron), or what it would add. */
export const notifyCommand = {
  spec: {
    name: 'notify',
    summary:
      'run the notification scan once, queue the due digests and send the due e-mails (--dry-run: only print what is new)',
    usage: ['notify [--dry-run]'],
    options: {
      'dry-run': {
        type: 'boolean',
        description: 'change nothing and send nothing; print the notifications the scan would add',
      },
    },
  } satisfies CommandSpec,
  async run(config: MutuConfig, { values }: ParsedArgs, db: DataSource): Promise<number> {
    const engine = new NotificationEngine(db, config);
    try {
      const now = new Date();
      const users = new Map(
        (
          await db.query<{ id: string; username: string }[]>(
            'SELECT id, username FROM user_account',
          )
        ).map((u) => [u.id, u.username]),
      );
      if (values['dry-run']) {
        const result = await engine.scanner.scan(now, { dryRun: true });
        for (const line of describeScan(result, users)) console.log(line);
        console.log(
          `Dry run: ${result.created.length} new notifications of ${result.candidates} (nothing written, nothing sent).`,
        );
        return 0;
      }
      const { scan, digests, delivery } = await engine.tick(now);
      for (const line of describeScan(scan, users)) console.log(line);
      console.log(
        `Notifications: ${scan.created.length} new of ${scan.candidates}; ${scan.immediate} immediate and ${digests} digest e-mails queued; ` +
          (delivery
            ? `${delivery.sent} sent, ${delivery.retried} to retry, ${delivery.failed} failed, ${delivery.skipped} skipped.`
            : 'e-mail off (no MUTU_SMTP_URL).'),
      );
      return delivery && delivery.failed > 0 ? 1 : 0;
    } finally {
      engine.close();
    }
  },
};
