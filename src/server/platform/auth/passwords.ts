import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes); the defaults of the library are close but implicit.
const options = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable here */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

// NFC first: "ö" typed as one code point or as o + diaeresis (some keyboards, macOS) is one password.
export const hashPassword = (password: string) => hash(password.normalize('NFC'), options);

// A fixed hash to verify against when the user does not exist, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hashPassword('tillit-dummy-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password.normalize('NFC')).catch(() => false);
}
