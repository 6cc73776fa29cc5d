import { describe, expect } from 'vitest'
import type { RpcResult } from '../../shared/rpc/result'
import { it, type TestCore } from './fixtures'
import { ADMIN, addUser, call, ok } from './helpers'

function code(result: RpcResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code
}

function refusal(result: RpcResult<unknown>): { code: string; key: string; message: string } {
  if (result.ok) throw new Error('expected a refusal')
  return { code: result.error.code, key: result.error.key, message: result.error.message }
}

/** The id of the user with the badge number. */
async function idOf(core: TestCore, badgeNo: string): Promise<number> {
  const user = (await ok(core, 'admin', 'users.list', {})).find((u) => u.badgeNo === badgeNo)
  if (user === undefined) throw new Error(`no user ${badgeNo}`)
  return user.id
}

interface AuditRowRaw {
  id: number
  user_id: number | null
  action: string
  entity: string | null
  entity_id: string | null
  detail: string
}

function auditRows(core: TestCore, action: string): AuditRowRaw[] {
  return core.connection.raw
    .prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as AuditRowRaw[]
}

function passwordHashOf(core: TestCore, id: number): string {
  return core.connection.raw.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(id) as string
}

const adminId = 1

describe('changing a role', () => {
  it('takes effect at the next call and is audited with before and after', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    const id = await idOf(core, 'R001')
    expect(
      code(
        await call(core, 'desk', 'leaders.record', {
          day: '2026-11-22',
          leaderName: '王局长',
          leaderTitle: '局长',
          note: '',
          caseNumbers: [],
        }),
      ),
    ).toBe('FORBIDDEN')

    const row = await ok(core, 'admin', 'users.update', { id, role: 'duty_officer', disabled: false })
    expect(row).toMatchObject({ id, badgeNo: 'R001', role: 'duty_officer', disabled: false })
    // The session stays; the new role counts from the next call on.
    expect(code(await call(core, 'desk', 'leaders.list', {}))).toBe('ok')

    const [audit] = auditRows(core, 'user.update')
    expect(audit).toMatchObject({ user_id: adminId, entity: 'user', entity_id: String(id) })
    expect(JSON.parse(audit?.detail ?? '{}')).toEqual({
      badgeNo: 'R001',
      before: { role: 'receptionist', disabled: false },
      after: { role: 'duty_officer', disabled: false },
    })
  })

  it('writes nothing when nothing changes', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    const id = await idOf(core, 'R001')
    await ok(core, 'admin', 'users.update', { id, role: 'receptionist', disabled: false })
    expect(auditRows(core, 'user.update')).toEqual([])
  })

  it('refuses an unknown user', async ({ core }) => {
    const result = await call(core, 'admin', 'users.update', { id: 999, role: 'admin', disabled: false })
    expect(refusal(result)).toMatchObject({ code: 'NOT_FOUND', key: 'e.USER_NOT_FOUND' })
  })

  it('is for administrators only', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    await addUser(core, 'duty', 'duty_officer', 'D001')
    const id = await idOf(core, 'R001')
    for (const session of ['desk', 'duty']) {
      expect(code(await call(core, session, 'users.update', { id, role: 'admin', disabled: false }))).toBe(
        'FORBIDDEN',
      )
      expect(
        code(
          await call(core, session, 'users.resetPassword', {
            id,
            password: 'Reset2026pass',
            confirmPassword: 'Reset2026pass',
          }),
        ),
      ).toBe('FORBIDDEN')
    }
  })
})

describe('the last administrator', () => {
  it('cannot be demoted', async ({ core }) => {
    const result = await call(core, 'admin', 'users.update', {
      id: adminId,
      role: 'duty_officer',
      disabled: false,
    })
    expect(refusal(result)).toMatchObject({ code: 'CONFLICT', key: 'e.LAST_ADMIN' })
    expect(refusal(result).message).toContain('最后一位在用的管理员')
    expect((await ok(core, 'admin', 'users.list', {}))[0]).toMatchObject({ role: 'admin', disabled: false })
    expect(auditRows(core, 'user.update')).toEqual([])
  })

  it('cannot disable themselves: that is refused first, with its own message', async ({ core }) => {
    const result = await call(core, 'admin', 'users.update', { id: adminId, role: 'admin', disabled: true })
    expect(refusal(result)).toMatchObject({ code: 'CONFLICT', key: 'e.CANNOT_DISABLE_SELF' })
  })

  it('survives two administrators demoting each other at the same time: one of them stays', async ({ core }) => {
    await addUser(core, 'admin2', 'admin', 'A002')
    const second = await idOf(core, 'A002')
    const results = await Promise.all([
      call(core, 'admin', 'users.update', { id: second, role: 'receptionist', disabled: false }),
      call(core, 'admin2', 'users.update', { id: adminId, role: 'receptionist', disabled: false }),
    ])
    expect(results.map(code).sort()).toEqual(['CONFLICT', 'ok'].sort())
    const admins = core.connection.raw
      .prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0")
      .pluck()
      .get()
    expect(admins).toBe(1)
  })

  it('may be demoted when another enabled administrator stays', async ({ core }) => {
    await addUser(core, 'admin2', 'admin', 'A002')
    const second = await idOf(core, 'A002')
    await ok(core, 'admin', 'users.update', { id: second, role: 'duty_officer', disabled: false })
    await ok(core, 'admin', 'users.update', { id: second, role: 'admin', disabled: false })
    // Demoting oneself is allowed while another administrator remains.
    await ok(core, 'admin', 'users.update', { id: adminId, role: 'duty_officer', disabled: false })
    expect(code(await call(core, 'admin', 'users.list', {}))).toBe('FORBIDDEN')
    // Now A002 is the last one.
    const result = await call(core, 'admin2', 'users.update', {
      id: second,
      role: 'receptionist',
      disabled: false,
    })
    expect(refusal(result)).toMatchObject({ code: 'CONFLICT', key: 'e.LAST_ADMIN' })
  })

  it('is counted among enabled administrators only: a disabled one does not count', async ({ core }) => {
    await addUser(core, 'admin2', 'admin', 'A002')
    const second = await idOf(core, 'A002')
    await ok(core, 'admin', 'users.update', { id: second, role: 'admin', disabled: true })
    // Re-enabling and demoting a disabled administrator is fine; the first stays.
    await ok(core, 'admin', 'users.update', { id: second, role: 'receptionist', disabled: true })
    const result = await call(core, 'admin', 'users.update', {
      id: adminId,
      role: 'receptionist',
      disabled: false,
    })
    expect(refusal(result).key).toBe('e.LAST_ADMIN')
  })
})

describe('disabling', () => {
  it('refuses disabling yourself, with its own message', async ({ core }) => {
    await addUser(core, 'admin2', 'admin', 'A002')
    const result = await call(core, 'admin', 'users.update', { id: adminId, role: 'admin', disabled: true })
    expect(refusal(result)).toMatchObject({ code: 'CONFLICT', key: 'e.CANNOT_DISABLE_SELF' })
    expect(refusal(result).message).toContain('不能停用自己的账号')
    expect(code(await call(core, 'admin', 'users.list', {}))).toBe('ok')
  })

  it('ends the user’s sessions at once, and the user cannot sign in again', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    // The same user in a second window.
    await ok(core, 'desk2', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
    const id = await idOf(core, 'R001')

    const row = await ok(core, 'admin', 'users.update', { id, role: 'receptionist', disabled: true })
    expect(row.disabled).toBe(true)
    expect(core.sessions.get('desk')).toBeUndefined()
    expect(core.sessions.get('desk2')).toBeUndefined()
    expect(code(await call(core, 'desk', 'visits.today', {}))).toBe('UNAUTHENTICATED')

    const again = await call(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
    expect(refusal(again)).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      message: '此账号已停用，请联系管理员。',
    })

    expect(JSON.parse(auditRows(core, 'user.update')[0]?.detail ?? '{}')).toMatchObject({
      before: { disabled: false },
      after: { disabled: true },
    })
  })

  it('can be undone: an enabled user signs in again', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    const id = await idOf(core, 'R001')
    await ok(core, 'admin', 'users.update', { id, role: 'receptionist', disabled: true })
    await ok(core, 'admin', 'users.update', { id, role: 'receptionist', disabled: false })
    expect(code(await call(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' }))).toBe(
      'ok',
    )
  })

  it('leaves the other users’ sessions alone', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    await addUser(core, 'desk2', 'receptionist', 'R002')
    await ok(core, 'admin', 'users.update', { id: await idOf(core, 'R001'), role: 'receptionist', disabled: true })
    expect(code(await call(core, 'desk2', 'visits.today', {}))).toBe('ok')
    expect(code(await call(core, 'admin', 'users.list', {}))).toBe('ok')
  })
})

describe('resetting a password', () => {
  it('makes the user change it at the next sign-in, ends their sessions and is audited without the hash', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    const id = await idOf(core, 'R001')
    const oldHash = passwordHashOf(core, id)

    const row = await ok(core, 'admin', 'users.resetPassword', {
      id,
      password: 'Reset2026pass',
      confirmPassword: 'Reset2026pass',
    })
    expect(row).toMatchObject({ id, mustChangePassword: true, disabled: false })
    expect(passwordHashOf(core, id)).not.toBe(oldHash)
    expect(core.sessions.get('desk')).toBeUndefined()
    expect(code(await call(core, 'desk', 'visits.today', {}))).toBe('UNAUTHENTICATED')

    // The old password no longer works; the new one signs in, but only to change it.
    expect(code(await call(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' }))).toBe(
      'BAD_CREDENTIALS',
    )
    const session = await ok(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Reset2026pass' })
    expect(session.mustChangePassword).toBe(true)
    expect(code(await call(core, 'desk', 'visits.today', {}))).toBe('PASSWORD_CHANGE_REQUIRED')
    await ok(core, 'desk', 'auth.changePassword', {
      currentPassword: 'Reset2026pass',
      password: 'Fresh2026pass',
      confirmPassword: 'Fresh2026pass',
    })
    expect(code(await call(core, 'desk', 'visits.today', {}))).toBe('ok')

    const [audit] = auditRows(core, 'user.resetPassword')
    expect(audit).toMatchObject({ user_id: adminId, entity: 'user', entity_id: String(id) })
    expect(audit?.detail).not.toContain(oldHash)
    expect(audit?.detail).not.toContain(passwordHashOf(core, id))
    expect(audit?.detail).not.toContain('Reset2026pass')
    expect(audit?.detail).not.toMatch(/scrypt|hash/i)
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({
      badgeNo: 'R001',
      before: { mustChangePassword: false },
      after: { mustChangePassword: true },
    })
  })

  it('unlocks an account locked by wrong passwords', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    for (let i = 0; i < 5; i++)
      await call(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Wrong2026pass' })
    expect(code(await call(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' }))).toBe(
      'ACCOUNT_LOCKED',
    )

    await ok(core, 'admin', 'users.resetPassword', {
      id: await idOf(core, 'R001'),
      password: 'Reset2026pass',
      confirmPassword: 'Reset2026pass',
    })
    expect(
      code(await call(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Reset2026pass' })),
    ).toBe('ok')
    const row = core.connection.raw
      .prepare('SELECT failed_attempts, locked_until FROM users WHERE badge_no = ?')
      .get('R001')
    expect(row).toEqual({ failed_attempts: 0, locked_until: null })
  })

  it('refuses a weak or mismatched password, and an unknown user', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    const id = await idOf(core, 'R001')
    const weak = await call(core, 'admin', 'users.resetPassword', {
      id,
      password: 'short1',
      confirmPassword: 'short1',
    })
    expect(refusal(weak)).toMatchObject({ code: 'VALIDATION', key: 'v.password.short' })
    const mismatch = await call(core, 'admin', 'users.resetPassword', {
      id,
      password: 'Reset2026pass',
      confirmPassword: 'Reset2026pasS',
    })
    expect(refusal(mismatch)).toMatchObject({ code: 'VALIDATION', key: 'v.password.mismatch' })
    const unknown = await call(core, 'admin', 'users.resetPassword', {
      id: 999,
      password: 'Reset2026pass',
      confirmPassword: 'Reset2026pass',
    })
    expect(refusal(unknown)).toMatchObject({ code: 'NOT_FOUND', key: 'e.USER_NOT_FOUND' })
    // Nothing changed: the user still signs in with their own password.
    expect(code(await call(core, 'desk', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' }))).toBe(
      'ok',
    )
    expect(auditRows(core, 'user.resetPassword')).toEqual([])
  })

  it('does not touch the administrator’s own session', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    await ok(core, 'admin', 'users.resetPassword', {
      id: await idOf(core, 'R001'),
      password: 'Reset2026pass',
      confirmPassword: 'Reset2026pass',
    })
    const status = await ok(core, 'admin', 'app.status', {})
    expect(status.session).toMatchObject({ badgeNo: ADMIN.badgeNo, locked: false })
  })
})
