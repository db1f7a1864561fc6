import { dummyHash, hashPassword, verifyPassword } from './passwords.js';

const cheap = { memoryKib: 1024, passes: 1, lanes: 1 };

describe('passwords (argon2id at the configured cost)', () => {
  it('stores the cost it was asked for in the hash, and verifies only the right password', async () => {
    const hash = await hashPassword('rahasia-2026', { memoryKib: 2048, passes: 2, lanes: 1 });
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=2048,p=1,t=2\$/);
    await expect(verifyPassword(hash, 'rahasia-2026', cheap)).resolves.toBe(true);
    await expect(verifyPassword(hash, 'rahasia-2027', cheap)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('sama', cheap)).not.toBe(await hashPassword('sama', cheap));
  });

  it('checks an unknown user against a hash of the configured cost, and refuses', async () => {
    await expect(dummyHash(cheap)).resolves.toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await dummyHash(cheap)).toBe(await dummyHash(cheap));
    await expect(verifyPassword(null, '', cheap)).resolves.toBe(false);
    await expect(verifyPassword(null, 'mutu-demo-2026', cheap)).resolves.toBe(false);
  });

  it('refuses a stored value that is not an argon2 hash instead of throwing', async () => {
    await expect(verifyPassword('plain-text', 'plain-text', cheap)).resolves.toBe(false);
  });
});
