import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { openCore } from '../../electron/core'
import { DEFAULT_SCRYPT_N, MIN_SCRYPT_N, hashPassword, verifyPassword } from '../../electron/services/accounts/password'
import { ADMIN, call, fakeClock, setUpHall, tempDir } from './helpers'

// The app ships scrypt at N = 2^17, r = 8, p = 1 (OWASP's recommendation: 128 MiB per hash).
// Tests open their cores at N = 2^10 to stay quick; nothing here may depend on that.
const SHIPPED = { n: 131072, r: 8, p: 1 }

/** The parameters a stored hash names. */
function params(stored: string): { scheme: string; n: number; r: number; p: number; salt: number; key: number } {
  const [scheme = '', n, r, p, salt = '', key = ''] = stored.split('$')
  return {
    scheme,
    n: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64').length,
    key: Buffer.from(key, 'base64').length,
  }
}

describe('the password hash the app ships', () => {
  it('defaults to scrypt N = 2^17, r = 8, p = 1, a 16-byte salt and a 32-byte key', async () => {
    expect(DEFAULT_SCRYPT_N).toBe(SHIPPED.n)
    expect(MIN_SCRYPT_N).toBe(SHIPPED.n)
    const stored = await hashPassword('Admin2026pass')
    expect(params(stored)).toEqual({ scheme: 'scrypt', ...SHIPPED, salt: 16, key: 32 })
    expect(await verifyPassword('Admin2026pass', stored, MIN_SCRYPT_N)).toBe(true)
    expect(await verifyPassword('Admin2026pasS', stored, MIN_SCRYPT_N)).toBe(false)
  })

  it('salts every hash afresh', async () => {
    const [a, b] = [await hashPassword('Same2026pass', 2 ** 10), await hashPassword('Same2026pass', 2 ** 10)]
    expect(a).not.toBe(b)
  })
})

describe('verifyPassword refuses a stored hash it should not trust', () => {
  it('below the minimum cost, even with the right password', async () => {
    for (const n of [2 ** 10, 2 ** 14, 2 ** 16]) {
      const weak = await hashPassword('Right2026pass', n)
      expect(await verifyPassword('Right2026pass', weak, SHIPPED.n), `N = ${n}`).toBe(false)
      // The same hash is good at a minimum it meets: the refusal is the cost's, not the hash's.
      expect(await verifyPassword('Right2026pass', weak, n), `N = ${n}`).toBe(true)
    }
  })

  it('with parameters that are not a real scrypt cost', async () => {
    const good = await hashPassword('Right2026pass', 2 ** 10)
    const [, , , , salt, key] = good.split('$')
    const withParams = (n: string, r: string, p: string) => ['scrypt', n, r, p, salt, key].join('$')
    expect(await verifyPassword('Right2026pass', withParams('1024', '8', '1'), 2 ** 10)).toBe(true)
    for (const [n, r, p] of [
      ['1000', '8', '1'], // not a power of two
      ['1024', '4', '1'], // r below 8
      ['1024', '8', '0'], // p below 1
      ['1024.0', '8', '1'],
      ['0x400', '8', '1'],
      [String(2 ** 30), '8', '1'], // 1 TiB of memory: refused without trying
    ] as const) {
      expect(await verifyPassword('Right2026pass', withParams(n, r, p), 2 ** 10), `${n} ${r} ${p}`).toBe(false)
    }
    expect(await verifyPassword('Right2026pass', `bcrypt$${good.slice('scrypt$'.length)}`, 2 ** 10)).toBe(false)
    expect(await verifyPassword('Right2026pass', good.split('$').slice(0, 5).join('$'), 2 ** 10)).toBe(false)
  })
})

describe('a core opened as the app opens it (no cost given)', () => {
  let core: Core | undefined
  let dir: ReturnType<typeof tempDir> | undefined
  afterEach(async () => {
    await core?.close()
    dir?.remove()
  })

  it('stores hashes at the shipped cost and refuses a weaker hash written into the database', async () => {
    dir = tempDir()
    core = await openCore({ dataDir: dir.dir, clock: fakeClock(), onInternalError: () => undefined })
    await setUpHall(core)
    const raw = core.connection.raw
    const stored = raw.prepare('SELECT password_hash FROM users WHERE badge_no = ?').pluck().get(ADMIN.badgeNo) as string
    expect(params(stored)).toMatchObject({ scheme: 'scrypt', ...SHIPPED })

    const signIn = async () => {
      const result = await call(core as Core, 'window', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
      return result.ok ? 'ok' : result.error.code
    }
    expect(await signIn()).toBe('ok')
    // Someone with the database file swaps in a cheap hash of a password they know.
    const weak = await hashPassword(ADMIN.password, 2 ** 10)
    raw.prepare('UPDATE users SET password_hash = ? WHERE badge_no = ?').run(weak, ADMIN.badgeNo)
    expect(await signIn()).toBe('BAD_CREDENTIALS')
  })
})
