import { randomBytes } from 'node:crypto';
import argon2, { argon2id, type HashOptions } from 'argon2';
import type { PasswordCost } from '../config/configuration.js';

/** argon2id at the configured cost (MUTU_PASSWORD_*): memory-hard, adaptive. */
const options = (cost: PasswordCost): HashOptions => ({
  type: argon2id,
  memoryCost: cost.memoryKib,
  timeCost: cost.passes,
  parallelism: cost.lanes,
});

export const hashPassword = (password: string, cost: PasswordCost): Promise<string> =>
  argon2.hash(password, options(cost));

/**
 * Verified when the user name is unknown, so that a wrong name costs as long as a wrong password:
 * a hash of a random password at the configured cost, made once per cost.
 */
const dummies = new Map<string, Promise<string>>();
export function dummyHash(cost: PasswordCost): Promise<string> {
  const key = `${cost.memoryKib},${cost.passes},${cost.lanes}`;
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword(randomBytes(16).toString('hex'), cost);
    dummies.set(key, dummy);
  }
  return dummy;
}

export async function verifyPassword(
  hash: string | null,
  password: string,
  cost: PasswordCost,
): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await dummyHash(cost)), password);
  } catch {
    return false;
  }
}
