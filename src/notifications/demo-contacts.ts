import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { parse } from 'yaml';
import { recordAudit } from '../audit-log/audit-log.js';
import { User } from '../auth/user.entity.js';

interface ContactsFile {
  contacts?: { username?: unknown; email?: unknown }[];
}

/**
 * The demo users' e-mail addresses (seeds/demo/contacts/*.yaml). Only an address not yet set is
 * written, so a second seed (or a user who changed theirs) is left alone. Returns how many were set.
 */
export async function loadDemoContacts(m: EntityManager, demoDir: string): Promise<number> {
  let source: string;
  try {
    source = readFileSync(join(demoDir, 'contacts', 'kota-kupang-contacts.yaml'), 'utf8');
  } catch {
    return 0;
  }
  const file = parse(source) as ContactsFile | null;
  let set = 0;
  for (const c of file?.contacts ?? []) {
    if (typeof c.username !== 'string' || typeof c.email !== 'string')
      throw new Error(`contacts: every entry needs a username and an email (${JSON.stringify(c)})`);
    const result = await m
      .getRepository(User)
      .update({ username: c.username, email: IsNull() }, { email: c.email });
    set += result.affected ?? 0;
  }
  if (set > 0)
    await recordAudit(m, {
      actorId: null,
      action: 'demo.contacts',
      entity: 'user',
      entityId: 'demo',
      changes: { email: { before: null, after: `${set} demo addresses` } },
    });
  return set;
}
