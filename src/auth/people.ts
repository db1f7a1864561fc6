import { In, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** A user as other records name them: who uploaded, reviewed, issued. */
export interface PersonRef {
  id: string;
  displayName: string;
}

/** The users behind a list of user ids (nulls and repeats skipped), by id, in one query. */
export async function peopleById(
  m: EntityManager,
  ids: readonly (string | null)[],
): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await m.getRepository(User).findBy({ id: In(wanted) });
  return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.displayName }]));
}
