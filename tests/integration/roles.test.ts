import { describe, expect } from 'vitest'
import { ROLES, type Role } from '../../shared/domain'
import type { MethodName } from '../../shared/rpc/contract'
import { contract } from '../../shared/rpc/contract'
import type { RpcResult } from '../../shared/rpc/result'
import { it, type TestCore, type Users } from './fixtures'
import { ADMIN, call, ok, setUpHall } from './helpers'

const METHODS = Object.keys(contract) as MethodName[]

/** The methods that name the roles they admit. */
const ROLE_METHODS = METHODS.flatMap((m) => {
  const access = contract[m].access
  return typeof access === 'string' ? [] : [{ method: m, roles: access }]
})

const PUBLIC_METHODS = METHODS.filter((m) => contract[m].access === 'public')
const NON_PUBLIC_METHODS = METHODS.filter((m) => contract[m].access !== 'public')

/** One signed-in session per role, named after the role. */
const SESSION_OF: Record<Role, string> = {
  receptionist: 'receptionist',
  duty_officer: 'duty_officer',
  admin: 'admin2',
  auditor: 'auditor',
  guide: 'guide',
}

/** A user of every role, each signed in on its session. */
const EVERY_ROLE: Users = {
  [SESSION_OF.receptionist]: ['receptionist', 'R001'],
  [SESSION_OF.duty_officer]: ['duty_officer', 'D001'],
  [SESSION_OF.admin]: ['admin', 'A002'],
  [SESSION_OF.auditor]: ['auditor', 'U001'],
  [SESSION_OF.guide]: ['guide', 'G001'],
}

const PASSWORD = 'Mine2026pass'

/** The error code of a result, or 'ok'. */
function code(result: RpcResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code
}

/** Sends `{}`: authorisation is checked before the input, so it is enough for access checks. */
async function send(core: TestCore, session: string, method: unknown, input: unknown = {}): Promise<string> {
  return code(await core.dispatch(session, method, input))
}

describe('the contract', () => {
  it('has methods of every kind of access to check', () => {
    expect(PUBLIC_METHODS.length).toBeGreaterThan(0)
    expect(ROLE_METHODS.length).toBeGreaterThan(0)
    expect(METHODS.some((m) => contract[m].access === 'session')).toBe(true)
  })
})

describe('someone who has not signed in', () => {
  it.override('users', EVERY_ROLE)

  it.for(NON_PUBLIC_METHODS)('is asked to sign in for %s', async (method, { core }) => {
    expect(await send(core, 'anonymous', method)).toBe('UNAUTHENTICATED')
  })

  it.for(PUBLIC_METHODS)('may call %s', async (method, { core }) => {
    expect(await send(core, 'anonymous', method)).not.toBe('UNAUTHENTICATED')
  })

  it('sees the hall but no session in app.status', async ({ core }) => {
    const status = await ok(core, 'anonymous', 'app.status', {})
    expect(status).toMatchObject({
      setUp: true,
      session: null,
      hall: { code: 'WH', timeZone: 'Asia/Shanghai' },
    })
  })
})

describe('roles', () => {
  it.override('users', EVERY_ROLE)

  const cases = ROLE_METHODS.flatMap(({ method, roles }) =>
    ROLES.map((role) => ({ method, role, admitted: roles.includes(role) })),
  )

  it.for(cases.filter((c) => !c.admitted))('$role is refused $method', async ({ method, role }, { core }) => {
    expect(await send(core, SESSION_OF[role], method)).toBe('FORBIDDEN')
  })

  it.for(cases.filter((c) => c.admitted))('$role may call $method', async ({ method, role }, { core }) => {
    const result = await send(core, SESSION_OF[role], method)
    // Admitted: whatever the service answers, it is not a refusal of the role (nor a crash).
    expect(['ok', 'VALIDATION', 'CONFLICT', 'NOT_FOUND']).toContain(result)
  })

  it('a refused call changes nothing (a receptionist cannot add a user)', async ({ core }) => {
    const result = await call(core, SESSION_OF.receptionist, 'users.create', {
      badgeNo: 'X001',
      name: '冒名者',
      position: '接待员',
      role: 'admin',
      password: 'Sneaky2026x',
      confirmPassword: 'Sneaky2026x',
    })
    expect(code(result)).toBe('FORBIDDEN')
    expect(
      core.connection.raw.prepare("SELECT count(*) FROM users WHERE badge_no = 'X001'").pluck().get(),
    ).toBe(0)
  })
})

describe('a user who must still change the initial password', () => {
  it.beforeEach(async ({ core }) => {
    await ok(core, 'admin', 'users.create', {
      badgeNo: 'N001',
      name: '新同事',
      position: '接待员',
      role: 'receptionist',
      password: 'Initial2026',
      confirmPassword: 'Initial2026',
    })
    await ok(core, 'new', 'auth.signIn', { badgeNo: 'N001', password: 'Initial2026' })
  })

  it.for(ROLE_METHODS.map((r) => r.method))('is sent to change the password by %s', async (method, { core }) => {
    expect(await send(core, 'new', method)).toBe('PASSWORD_CHANGE_REQUIRED')
  })

  it('can change it and then work', async ({ core }) => {
    const info = await ok(core, 'new', 'auth.changePassword', {
      currentPassword: 'Initial2026',
      password: PASSWORD,
      confirmPassword: PASSWORD,
    })
    expect(info.mustChangePassword).toBe(false)
    expect(await send(core, 'new', 'categories.list')).toBe('ok')
  })
})

describe('a locked screen', () => {
  it.override('users', { r1: ['receptionist', 'R001'] })

  it.for(ROLE_METHODS.map((r) => r.method))('refuses %s until unlocked', async (method, { core }) => {
    await ok(core, 'r1', 'auth.lock', {})
    expect(await send(core, 'r1', method)).toBe('SESSION_LOCKED')
  })

  it('refuses a password change while locked', async ({ core }) => {
    await ok(core, 'r1', 'auth.lock', {})
    const result = await call(core, 'r1', 'auth.changePassword', {
      currentPassword: PASSWORD,
      password: 'Other2026pass',
      confirmPassword: 'Other2026pass',
    })
    expect(code(result)).toBe('SESSION_LOCKED')
  })

  it('opens again with the right password, not with a wrong one', async ({ core }) => {
    await ok(core, 'r1', 'auth.lock', {})
    expect(code(await call(core, 'r1', 'auth.unlock', { password: 'Wrong2026pass' }))).toBe('BAD_CREDENTIALS')
    expect(await send(core, 'r1', 'categories.list')).toBe('SESSION_LOCKED')
    const info = await ok(core, 'r1', 'auth.unlock', { password: PASSWORD })
    expect(info.locked).toBe(false)
    expect(await send(core, 'r1', 'categories.list')).toBe('ok')
  })

  it('closes by itself after 10 idle minutes', async ({ core }) => {
    core.clock.advance(9 * 60_000)
    expect(await send(core, 'r1', 'categories.list')).toBe('ok')
    core.clock.advance(11 * 60_000)
    expect(await send(core, 'r1', 'categories.list')).toBe('SESSION_LOCKED')
    expect((await ok(core, 'r1', 'app.status', {})).session?.locked).toBe(true)
    await ok(core, 'r1', 'auth.unlock', { password: PASSWORD })
    expect(await send(core, 'r1', 'categories.list')).toBe('ok')
  })

  it('can still be signed out, and then asks to sign in', async ({ core }) => {
    await ok(core, 'r1', 'auth.lock', {})
    expect(await send(core, 'r1', 'auth.signOut')).toBe('ok')
    expect(await send(core, 'r1', 'categories.list')).toBe('UNAUTHENTICATED')
  })
})

describe('wrong passwords', () => {
  it.override('users', { r1: ['receptionist', 'R001'] })

  const signIn = (core: TestCore, password: string, session = 'window') =>
    call(core, session, 'auth.signIn', { badgeNo: 'R001', password })

  it('lock the account after five, even for the right password, for 15 minutes', async ({ core }) => {
    for (let i = 1; i <= 4; i++) {
      const result = await signIn(core, 'Wrong2026pass')
      expect(code(result)).toBe('BAD_CREDENTIALS')
      expect(result.ok ? undefined : result.error.params).toEqual({ left: 5 - i })
    }
    expect(code(await signIn(core, 'Wrong2026pass'))).toBe('ACCOUNT_LOCKED')
    expect(code(await signIn(core, PASSWORD))).toBe('ACCOUNT_LOCKED')

    core.clock.advance(15 * 60_000 - 1_000)
    expect(code(await signIn(core, PASSWORD))).toBe('ACCOUNT_LOCKED')
    // 15 minutes and 1 second after the fifth attempt.
    core.clock.advance(2_000)
    expect(code(await signIn(core, PASSWORD))).toBe('ok')
  })

  it('say the same for an unknown badge number as for a wrong password', async ({ core }) => {
    const result = await call(core, 'window', 'auth.signIn', { badgeNo: 'NOBODY', password: 'Wrong2026pass' })
    expect(code(result)).toBe('BAD_CREDENTIALS')
  })

  // Regression: parallel attempts once overwrote each other's count, so the account never locked.
  it('lock the account even when sent at the same time from several windows', async ({ core }) => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(core, 'Wrong2026pass', `w${i}`)))
    expect(code(await signIn(core, PASSWORD))).toBe('ACCOUNT_LOCKED')
  })
})

describe('method names and setup', () => {
  // Each test sets the hall up itself, or not at all.
  it.override('hall', false)

  it('answers UNKNOWN_METHOD for a name not in the contract, including inherited names', async ({ core }) => {
    await setUpHall(core)
    for (const method of [
      'intake.delete',
      'users.drop',
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      '',
    ]) {
      expect(await send(core, 'admin', method), method).toBe('UNKNOWN_METHOD')
    }
    expect(await send(core, 'admin', 42)).toBe('UNKNOWN_METHOD')
    expect(await send(core, 'admin', null)).toBe('UNKNOWN_METHOD')
  })

  it('refuses a second setup', async ({ core }) => {
    await setUpHall(core)
    const again = await call(core, 'other', 'app.setup', {
      hallName: '另一个大厅',
      hallCode: 'XX',
      admin: { ...ADMIN, badgeNo: 'A999' },
    })
    expect(code(again)).toBe('ALREADY_SET_UP')
    expect(core.connection.raw.prepare('SELECT code FROM hall').pluck().all()).toEqual(['WH'])
    expect(core.connection.raw.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1)
  })

  it('sets up one hall when two windows finish setup at the same time', async ({ core }) => {
    const setup = (session: string, hallCode: string) =>
      call(core, session, 'app.setup', { hallName: '接待大厅', hallCode, admin: ADMIN })
    const results = await Promise.all([setup('w1', 'WH'), setup('w2', 'HK')])
    expect(results.map(code).sort()).toEqual(['ALREADY_SET_UP', 'ok'])
    expect(core.connection.raw.prepare('SELECT count(*) FROM hall').pluck().get()).toBe(1)
  })

  it('before setup, refuses sign-in and every other method with SETUP_REQUIRED', async ({ core }) => {
    expect((await ok(core, 'anyone', 'app.status', {})).setUp).toBe(false)
    expect(
      code(await call(core, 'anyone', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })),
    ).toBe('SETUP_REQUIRED')
    for (const method of NON_PUBLIC_METHODS)
      expect(await send(core, 'anyone', method), method).toBe('SETUP_REQUIRED')
  })
})
