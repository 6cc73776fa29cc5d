import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt cost; 2^17 with r=8 is the OWASP recommendation (128 MiB, a few hundred ms). */
export const DEFAULT_SCRYPT_N = 2 ** 17
/** The lowest cost a stored hash may name: a weaker one is refused, not checked. */
export const MIN_SCRYPT_N = 2 ** 17
/** The most memory a stored hash may ask for (128·N·r bytes): more would stall the sign-in. */
const MAX_SCRYPT_MEMORY = 2 ** 30
const R = 8
const P = 1
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` so that the cost can rise later. */
export async function hashPassword(password: string, n = DEFAULT_SCRYPT_N): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, n, R, P)
  return ['scrypt', n, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

/** Whether a stored hash's parameters are worth checking: N a power of two from `minN`, r ≥ 8, p ≥ 1, within 1 GiB. */
function acceptableCost(n: number, r: number, p: number, minN: number): boolean {
  const powerOfTwo = Number.isSafeInteger(n) && n > 1 && Math.log2(n) % 1 === 0
  return powerOfTwo && n >= minN && r >= R && p >= P && p <= 16 && 128 * n * r <= MAX_SCRYPT_MEMORY
}

/**
 * Checks a password against a stored hash in constant time. A hash naming a cost below `minN`
 * (MIN_SCRYPT_N in the app) is refused unchecked: whoever could write a weak hash into the
 * database must not thereby make the account cheap to guess.
 */
export async function verifyPassword(password: string, stored: string, minN: number): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  if (!/^\d+$/.test(n) || !/^\d+$/.test(r) || !/^\d+$/.test(p)) return false
  if (!acceptableCost(Number(n), Number(r), Number(p), minN)) return false
  const expected = Buffer.from(hash, 'base64')
  if (expected.length !== KEY_LENGTH) return false
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p))
  return timingSafeEqual(key, expected)
}
