import { describe, expect, vi } from 'vitest'
import type { RpcResult } from '../../shared/rpc/result'
import type * as PasswordModule from '../../electron/services/accounts/password'
import { it, type TestCore } from './fixtures'
import { ADMIN, call, ok } from './helpers'

// Every password check and every hash is counted: the lock must hold before hashing, not after.
const counts = vi.hoisted(() => ({ verify: 0, hash: 0 }))
vi.mock('../../electron/services/accounts/password', async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>()
  return {
    ...real,
    verifyPassword: (password: string, stored: string, minN: number) => {
      counts.verify++
      return real.verifyPassword(password, stored, minN)
    },
    hashPassword: (password: string, n?: number) => {
      counts.hash++
      return real.hashPassword(password, n)
    },
  }
})

const PASSWORD = 'Mine2026pass'
const WRONG = 'Wrong2026pass'

it.override('users', { r1: ['receptionist', 'R001'] })
// Setting up the hall and its users hashed and checked passwords: the counts start after it (the
// hook names `core`, so the fixture sets it up first).
it.beforeEach(({ core }) => {
  void core
  counts.verify = 0
  counts.hash = 0
})

function code(result: RpcResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code
}

/** What a caller sees: the code, the message and its parameters, nothing else. */
function answer(result: RpcResult<unknown>): string {
  return result.ok ? 'ok' : JSON.stringify([result.error.code, result.error.message, result.error.params])
}

const signIn = (core: TestCore, password: string, session = 'window') => call(core, session, 'auth.signIn', { badgeNo: 'R001', password })

function failedAttempts(core: TestCore): number {
  return core.connection.raw.prepare("SELECT failed_attempts FROM users WHERE badge_no = 'R001'").pluck().get() as number
}

describe('parallel sign-ins', () => {
  for (const n of [20, 50]) {
    it(`check at most 5 of ${n} wrong passwords sent at once, and answer every locked call alike`, async ({ core }) => {
      const results = await Promise.all(Array.from({ length: n }, (_, i) => signIn(core, WRONG, `w${i}`)))
      expect(counts.verify).toBeLessThanOrEqual(5)
      const locked = results.filter((r) => code(r) === 'ACCOUNT_LOCKED')
      expect(locked.length).toBeGreaterThanOrEqual(n - 5)
      expect(results.every((r) => ['ACCOUNT_LOCKED', 'BAD_CREDENTIALS'].includes(code(r)))).toBe(true)
      expect(new Set(locked.map(answer)).size).toBe(1)

      // The right password now gets exactly the answer a wrong one gets, and is not checked.
      const before = counts.verify
      const right = await signIn(core, PASSWORD, 'owner')
      const wrong = await signIn(core, WRONG, 'other')
      expect(answer(right)).toBe(answer(wrong))
      expect(answer(right)).toBe(answer(locked[0]!))
      expect(counts.verify).toBe(before)
    })
  }

  it('a burst with the right password in it after the fifth try is locked like the rest', async ({ core }) => {
    const passwords = Array.from({ length: 20 }, (_, i) => (i === 12 ? PASSWORD : WRONG))
    const results = await Promise.all(passwords.map((p, i) => signIn(core, p, `w${i}`)))
    expect(code(results[12]!)).toBe('ACCOUNT_LOCKED')
    expect(counts.verify).toBeLessThanOrEqual(5)
    expect(core.sessions.get('w12')).toBeUndefined()
  })

  it('keeps the count when the lock is reached: a burst does not reset it', async ({ core }) => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(core, WRONG, `w${i}`)))
    expect(failedAttempts(core)).toBe(5)
    // Still locked a minute before the end; the count has not been zeroed by the lock.
    core.clock.advance(14 * 60_000)
    expect(code(await signIn(core, PASSWORD))).toBe('ACCOUNT_LOCKED')
    expect(failedAttempts(core)).toBe(5)
    // After the lock runs out, five fresh tries, then locked again.
    core.clock.advance(2 * 60_000)
    for (let i = 1; i <= 4; i++) expect(code(await signIn(core, WRONG))).toBe('BAD_CREDENTIALS')
    expect(code(await signIn(core, WRONG))).toBe('ACCOUNT_LOCKED')
  })

  it('one by one: four wrong, then the right one signs in and starts the count afresh', async ({ core }) => {
    for (let i = 1; i <= 4; i++) {
      const r = await signIn(core, WRONG)
      expect(r.ok ? undefined : r.error.params).toEqual({ left: 5 - i })
    }
    expect(code(await signIn(core, PASSWORD))).toBe('ok')
    expect(failedAttempts(core)).toBe(0)
  })
})

describe('a disabled account', () => {
  it('answers the same to the right and to a wrong password, without checking either', async ({ core }) => {
    const id = (await ok(core, 'admin', 'users.list', {})).find((u) => u.badgeNo === 'R001')!.id
    await ok(core, 'admin', 'users.update', { id, role: 'receptionist', disabled: true })
    counts.verify = 0
    const right = await signIn(core, PASSWORD)
    const wrong = await signIn(core, WRONG)
    expect(code(right)).toBe('ACCOUNT_DISABLED')
    expect(answer(right)).toBe(answer(wrong))
    expect(counts.verify).toBe(0)
  })
})

describe('the lock screen', () => {
  it.beforeEach(async ({ core }) => {
    await ok(core, 'r1', 'auth.lock', {})
  })

  it('checks at most 5 of 20 wrong passwords sent at once, answers the rest alike and signs the user out', async ({ core }) => {
    const results = await Promise.all(Array.from({ length: 20 }, () => call(core, 'r1', 'auth.unlock', { password: WRONG })))
    expect(counts.verify).toBeLessThanOrEqual(5)
    const locked = results.filter((r) => code(r) === 'ACCOUNT_LOCKED')
    expect(locked.length).toBeGreaterThanOrEqual(15)
    expect(new Set(locked.map(answer)).size).toBe(1)
    expect(core.sessions.get('r1')).toBeUndefined()
    expect(code(await signIn(core, PASSWORD))).toBe('ACCOUNT_LOCKED')
  })

  it('counts a wrong password at the lock screen towards the sign-in lock', async ({ core }) => {
    for (let i = 0; i < 3; i++) expect(code(await call(core, 'r1', 'auth.unlock', { password: WRONG }))).toBe('BAD_CREDENTIALS')
    expect(failedAttempts(core)).toBe(3)
    expect(code(await call(core, 'r1', 'auth.unlock', { password: PASSWORD }))).toBe('ok')
    expect(failedAttempts(core)).toBe(0)
  })
})

describe('changing the password', () => {
  const change = (core: TestCore, currentPassword: string) =>
    call(core, 'r1', 'auth.changePassword', { currentPassword, password: 'Next2026pass', confirmPassword: 'Next2026pass' })

  it('counts a wrong current password, and locks at the fifth', async ({ core }) => {
    for (let i = 1; i <= 4; i++) {
      const r = await change(core, WRONG)
      expect(code(r)).toBe('VALIDATION')
      expect(r.ok ? [] : r.error.fields?.map((f) => f.path)).toEqual(['currentPassword'])
      expect(r.ok ? '' : r.error.message).toContain(String(5 - i))
    }
    expect(code(await change(core, WRONG))).toBe('ACCOUNT_LOCKED')
    expect(core.sessions.get('r1')).toBeUndefined()
    expect(code(await signIn(core, PASSWORD))).toBe('ACCOUNT_LOCKED')
  })

  it('checks at most 5 of 20 wrong current passwords sent at once', async ({ core }) => {
    const results = await Promise.all(Array.from({ length: 20 }, () => change(core, WRONG)))
    expect(counts.verify).toBeLessThanOrEqual(5)
    const locked = results.filter((r) => code(r) === 'ACCOUNT_LOCKED')
    expect(locked.length).toBeGreaterThanOrEqual(15)
    expect(new Set(locked.map(answer)).size).toBe(1)
    expect(counts.hash).toBe(0)
  })

  it('still changes the password with the right current one', async ({ core }) => {
    expect(code(await change(core, PASSWORD))).toBe('ok')
    await ok(core, 'r1', 'auth.signOut', {})
    expect(code(await call(core, 'again', 'auth.signIn', { badgeNo: 'R001', password: 'Next2026pass' }))).toBe('ok')
  })
})

describe('setup after the hall exists', () => {
  it('answers at once, without hashing, however many come at the same time', async ({ core }) => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(core, `s${i}`, 'app.setup', { hallName: '另一个大厅', hallCode: 'XX', admin: { ...ADMIN, badgeNo: `B00${i}` } }),
      ),
    )
    expect(results.map(code)).toEqual(Array(8).fill('ALREADY_SET_UP'))
    expect(counts.hash).toBe(0)
  })
})
