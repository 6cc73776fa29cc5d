import { describe, expect } from 'vitest'
import type { MethodName } from '../../shared/rpc/contract'
import { contract } from '../../shared/rpc/contract'
import type { RpcResult } from '../../shared/rpc/result'
import { it, type TestCore } from './fixtures'
import { addUser, call, ok } from './helpers'

it.override('users', { auditor: ['auditor', 'U001'] })

function code(result: RpcResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code
}

const ALL = { userId: null, action: null, from: null, to: null, limit: 500, offset: 0 }
const METHODS = Object.keys(contract) as MethodName[]

async function idOf(core: TestCore, badgeNo: string): Promise<number> {
  return (await ok(core, 'admin', 'users.list', {})).find((u) => u.badgeNo === badgeNo)!.id
}

describe('the auditor (审计员)', () => {
  it('reads and verifies the audit trail', async ({ core }) => {
    const page = await ok(core, 'auditor', 'audit.list', ALL)
    expect(page.rows.map((r) => r.action)).toContain('user.create')
    // The filter's users come with the page: the auditor cannot list users.
    expect(page.users.map((u) => u.badgeNo)).toEqual(['A001', 'U001'])
    expect(await ok(core, 'auditor', 'audit.verify', {})).toMatchObject({ ok: true })
  })

  it('calls nothing else: every role-checked method but the audit ones is refused', async ({ core }) => {
    const others = METHODS.filter((m) => typeof contract[m].access !== 'string' && !m.startsWith('audit.'))
    expect(others.length).toBeGreaterThan(40)
    for (const method of others) expect(code(await core.dispatch('auditor', method, {})), method).toBe('FORBIDDEN')
  })
})

describe('the administrator and the audit trail', () => {
  it('cannot read or verify it unless the auditor allows it; the allowing is audited', async ({ core }) => {
    expect(code(await call(core, 'admin', 'audit.list', ALL))).toBe('FORBIDDEN')
    expect(code(await call(core, 'admin', 'audit.verify', {}))).toBe('FORBIDDEN')
    // Nor may the administrator open it to themselves.
    expect(code(await call(core, 'admin', 'audit.setAdminAccess', { allowed: true }))).toBe('FORBIDDEN')
    expect((await ok(core, 'admin', 'app.status', {})).hall?.adminReadsAudit).toBe(false)

    expect(await ok(core, 'auditor', 'audit.setAdminAccess', { allowed: true })).toEqual({ adminReadsAudit: true })
    expect((await ok(core, 'admin', 'app.status', {})).hall?.adminReadsAudit).toBe(true)
    const page = await ok(core, 'admin', 'audit.list', { ...ALL, action: 'audit.adminAccess' })
    expect(page.rows).toHaveLength(1)
    expect(page.rows[0]).toMatchObject({ userBadgeNo: 'U001' })
    expect(JSON.parse(page.rows[0]!.detail)).toEqual({ before: { adminReadsAudit: false }, after: { adminReadsAudit: true } })
    expect(await ok(core, 'admin', 'audit.verify', {})).toMatchObject({ ok: true })

    await ok(core, 'auditor', 'audit.setAdminAccess', { allowed: false })
    expect(code(await call(core, 'admin', 'audit.list', ALL))).toBe('FORBIDDEN')
  })

  it('creates auditors on the users page like any user', async ({ core }) => {
    const users = await ok(core, 'admin', 'users.list', {})
    expect(users.find((u) => u.badgeNo === 'U001')?.role).toBe('auditor')
  })
})

describe('the last auditor', () => {
  it('cannot be disabled or given another role', async ({ core }) => {
    const id = await idOf(core, 'U001')
    const disable = await call(core, 'admin', 'users.update', { id, role: 'auditor', disabled: true })
    expect(disable.ok ? 'ok' : disable.error.key).toBe('e.LAST_AUDITOR')
    const demote = await call(core, 'admin', 'users.update', { id, role: 'receptionist', disabled: false })
    expect(demote.ok ? 'ok' : demote.error.key).toBe('e.LAST_AUDITOR')
    expect(core.connection.raw.prepare('SELECT role, disabled FROM users WHERE id = ?').get(id)).toEqual({ role: 'auditor', disabled: 0 })
  })

  it('can be once another auditor is enabled', async ({ core }) => {
    await addUser(core, 'auditor2', 'auditor', 'U002')
    const id = await idOf(core, 'U001')
    expect(code(await call(core, 'admin', 'users.update', { id, role: 'auditor', disabled: true }))).toBe('ok')
    // The second is now the last.
    const id2 = await idOf(core, 'U002')
    expect(code(await call(core, 'admin', 'users.update', { id: id2, role: 'admin', disabled: false }))).toBe('CONFLICT')
  })
})
