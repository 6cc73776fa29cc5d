import { describe, expect } from 'vitest'
import type { RpcResult } from '../../shared/rpc/result'
import { it, type TestCore } from './fixtures'
import { ADMIN, addUser, call, ok } from './helpers'

it.beforeEach(({ core }) => {
  // These tests read the trail as the administrator, as a hall's auditor may allow
  // (the auditor's own tests are in auditor.test.ts).
  core.connection.raw.exec('UPDATE hall SET admin_reads_audit = 1')
})

function code(result: RpcResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code
}

const ALL = { userId: null, action: null, from: null, to: null, limit: 500, offset: 0 }

function auditIds(core: TestCore): number[] {
  return core.connection.raw.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[]
}

/** The app's own check, as an administrator calls it. */
async function verify(core: TestCore) {
  return ok(core, 'admin', 'audit.verify', {})
}

/** Drops the append-only triggers, as someone with the database file could, and returns the connection. */
function dropGuards(core: TestCore) {
  const raw = core.connection.raw
  raw.exec('DROP TRIGGER audit_log_no_update')
  raw.exec('DROP TRIGGER audit_log_no_delete')
  return raw
}

/** A trail of a dozen rows from several users. */
async function someActivity(core: TestCore): Promise<void> {
  await addUser(core, 'desk', 'receptionist', 'R001')
  await ok(core, 'desk', 'auth.lock', {})
  await ok(core, 'desk', 'auth.unlock', { password: 'Mine2026pass' })
  await call(core, 'other', 'auth.signIn', { badgeNo: 'R001', password: 'Wrong2026pass' })
  await ok(core, 'desk', 'auth.signOut', {})
  await ok(core, 'admin', 'auth.lock', {})
  await ok(core, 'admin', 'auth.unlock', { password: 'Admin2026pass' })
}

describe('校验 (audit.verify)', () => {
  it('reports an intact trail with the number of rows, and records that it checked', async ({ core }) => {
    await someActivity(core)
    const before = auditIds(core).length
    const result = await ok(core, 'admin', 'audit.verify', {})
    expect(result).toEqual({ ok: true, checked: before, firstBrokenId: null, cutAtEnd: null })

    const last = core.connection.raw.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      action: string
      user_id: number
      detail: string
    }
    expect(last).toMatchObject({ action: 'audit.verify', user_id: 1 })
    expect(JSON.parse(last.detail)).toEqual({ ok: true, checked: before, firstBrokenId: null, cutAtEnd: null })
    // The record of the check is itself part of the chain.
    expect(await ok(core, 'admin', 'audit.verify', {})).toEqual({
      ok: true,
      checked: before + 1,
      firstBrokenId: null,
      cutAtEnd: null,
    })
  })

  it('finds a row tampered with by raw SQL (after dropping the guard) at the right row', async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    const middle = ids[Math.floor(ids.length / 2)] ?? 0
    expect(middle).toBeGreaterThan(ids[0] ?? 0)
    const raw = core.connection.raw
    raw.exec('DROP TRIGGER audit_log_no_update')
    raw.prepare(`UPDATE audit_log SET detail = '{"reason":"篡改"}' WHERE id = ?`).run(middle)

    const result = await ok(core, 'admin', 'audit.verify', {})
    expect(result).toEqual({ ok: false, checked: ids.indexOf(middle) + 1, firstBrokenId: middle, cutAtEnd: null })
    const last = raw.prepare('SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string
    expect(JSON.parse(last)).toEqual({ ok: false, checked: ids.indexOf(middle) + 1, firstBrokenId: middle, cutAtEnd: null })
  })

  it('finds a changed user and a changed time, each at its row, and holds again once put back', async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    const raw = dropGuards(core)

    const userOf = raw.prepare('SELECT user_id FROM audit_log WHERE id = ?').pluck().get(ids[3])
    raw.prepare('UPDATE audit_log SET user_id = 99 WHERE id = ?').run(ids[3])
    expect(await verify(core)).toEqual({ ok: false, checked: 4, firstBrokenId: ids[3], cutAtEnd: null })
    raw.prepare('UPDATE audit_log SET user_id = ? WHERE id = ?').run(userOf, ids[3])
    expect((await verify(core)).ok).toBe(true)

    const atOf = raw.prepare('SELECT at FROM audit_log WHERE id = ?').pluck().get(ids[2])
    raw.prepare(`UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE id = ?`).run(ids[2])
    expect(await verify(core)).toEqual({ ok: false, checked: 3, firstBrokenId: ids[2], cutAtEnd: null })
    raw.prepare('UPDATE audit_log SET at = ? WHERE id = ?').run(atOf, ids[2])
    expect((await verify(core)).ok).toBe(true)
  })

  it('finds a row deleted from the middle, at the row after it', async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    expect((await verify(core)).ok).toBe(true)
    const raw = dropGuards(core)
    raw.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[5])
    // Every remaining row is intact on its own: only the link of the next row shows the gap.
    expect(await verify(core)).toEqual({ ok: false, checked: 6, firstBrokenId: ids[6], cutAtEnd: null })
  })

  it('finds two neighbouring rows swapped, at the first of them', async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    const [a, b] = [ids[4], ids[5]]
    const raw = dropGuards(core)
    raw.prepare('UPDATE audit_log SET id = -1 WHERE id = ?').run(a)
    raw.prepare('UPDATE audit_log SET id = ? WHERE id = ?').run(a, b)
    raw.prepare('UPDATE audit_log SET id = ? WHERE id = -1').run(b)
    expect(auditIds(core)).toEqual(ids)
    expect(await verify(core)).toEqual({ ok: false, checked: 5, firstBrokenId: a, cutAtEnd: null })
  })

  it('finds a row inserted in the middle (a copy of a genuine row), at the inserted row', async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    const k = ids[4] ?? 0
    const raw = dropGuards(core)
    // Make room after row k, then put a replay of row k there.
    raw.prepare('UPDATE audit_log SET id = id + 100000 WHERE id > ?').run(k)
    raw.prepare('UPDATE audit_log SET id = id - 100000 + 1 WHERE id > 100000').run()
    raw
      .prepare(
        `INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, detail, prev_hash, hash)
         SELECT id + 1, at, user_id, action, entity, entity_id, detail, prev_hash, hash FROM audit_log WHERE id = ?`,
      )
      .run(k)
    expect(auditIds(core)).toHaveLength(ids.length + 1)
    expect(await verify(core)).toEqual({ ok: false, checked: 6, firstBrokenId: k + 1, cutAtEnd: null })
  })

  // A cut end (the newest rows removed) leaves a chain that is whole from its first row to its
  // new last one: only an anchor kept outside the rows (the last row's hash, signed) shows it.
  // Each 校验 signs the chain's end, its own record included, as the anchor for the next one.
  const CUT_END_DETECTED = true
  it(`${CUT_END_DETECTED ? 'finds' : 'cannot yet find (no anchor)'} the newest rows cut off the end`, async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    expect((await verify(core)).ok).toBe(true)
    const raw = dropGuards(core)
    const cut = raw.prepare('DELETE FROM audit_log WHERE id >= ?').run(ids[ids.length - 3]).changes
    // The last three rows of the activity and the record of the check above.
    expect(cut).toBe(4)
    const result = await verify(core)
    // Every remaining row holds; the four rows the anchor counted beyond them are gone.
    expect(result).toEqual({
      ok: false,
      checked: ids.length - 3,
      firstBrokenId: null,
      cutAtEnd: { rows: 4, anchoredAt: core.clock().toISOString() },
    })
    const record = raw.prepare('SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string
    expect(JSON.parse(record)).toEqual(result)
  })

  it('still finds the cut after more rows were written on the shortened trail', async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    expect((await verify(core)).ok).toBe(true)
    dropGuards(core).prepare('DELETE FROM audit_log WHERE id >= ?').run(ids[ids.length - 2])
    // The desk goes on working: new rows chain on to the shortened end, so the chain is whole.
    await ok(core, 'admin', 'auth.lock', {})
    await ok(core, 'admin', 'auth.unlock', { password: 'Admin2026pass' })
    const result = await verify(core)
    expect(result.firstBrokenId).toBeNull()
    expect(result.ok).toBe(false)
    expect(result.cutAtEnd?.rows).toBe(3)
  })

  it('finds an anchor that was forged to match a cut end', async ({ core }) => {
    await someActivity(core)
    const ids = auditIds(core)
    expect((await verify(core)).ok).toBe(true)
    const raw = dropGuards(core)
    raw.prepare('DELETE FROM audit_log WHERE id >= ?').run(ids[ids.length - 2])
    // Someone with the file writes an anchor for the shortened end, without the key.
    const end = raw.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string }
    raw
      .prepare('INSERT INTO audit_anchors (at, last_id, row_count, last_hash, mac) VALUES (?, ?, ?, ?, ?)')
      .run(core.clock().toISOString(), end.id, ids.length - 2, end.hash, 'f'.repeat(64))
    expect((await verify(core)).ok).toBe(false)
  })

  it('holds after a check, more activity and another check: the anchor moves with the end', async ({ core }) => {
    await someActivity(core)
    expect((await verify(core)).ok).toBe(true)
    await ok(core, 'admin', 'auth.lock', {})
    await ok(core, 'admin', 'auth.unlock', { password: 'Admin2026pass' })
    expect(await verify(core)).toMatchObject({ ok: true, cutAtEnd: null })
    expect(await verify(core)).toMatchObject({ ok: true, cutAtEnd: null })
  })

  it('is for administrators only', async ({ core }) => {
    await addUser(core, 'desk', 'receptionist', 'R001')
    await addUser(core, 'duty', 'duty_officer', 'D001')
    for (const session of ['desk', 'duty']) {
      expect(code(await call(core, session, 'audit.verify', {}))).toBe('FORBIDDEN')
      expect(code(await call(core, session, 'audit.list', ALL))).toBe('FORBIDDEN')
    }
  })
})

describe('the database itself', () => {
  it('refuses UPDATE and DELETE on the audit trail through the app’s connection', async ({ core }) => {
    await someActivity(core)
    const raw = core.connection.raw
    const count = () => raw.prepare('SELECT count(*) FROM audit_log').pluck().get()
    const before = count()
    const firstDetail = raw.prepare('SELECT detail FROM audit_log WHERE id = 1').pluck().get()

    expect(() => raw.prepare(`UPDATE audit_log SET detail = '{}' WHERE id = 1`).run()).toThrow(/append-only/)
    expect(() => raw.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/)
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    await expect(core.connection.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(core.connection.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)

    expect(count()).toBe(before)
    expect(raw.prepare('SELECT detail FROM audit_log WHERE id = 1').pluck().get()).toBe(firstDetail)
    expect((await ok(core, 'admin', 'audit.verify', {})).ok).toBe(true)
  })
})

describe('audit.list', () => {
  it('shows the newest first, with the user’s name and badge number, and the total', async ({ core }) => {
    await someActivity(core)
    const page = await ok(core, 'admin', 'audit.list', ALL)
    const ids = auditIds(core)
    expect(page.total).toBe(ids.length)
    expect(page.rows.map((r) => r.id)).toEqual([...ids].reverse())
    expect(page.rows[0]).toMatchObject({
      action: 'auth.unlock',
      userId: 1,
      userName: '周建华',
      userBadgeNo: 'A001',
      entity: 'user',
      entityId: '1',
    })
    expect(page.rows.at(-1)).toMatchObject({ action: 'hall.setup', userName: '周建华' })
    expect(page.actions).toEqual([...new Set(page.rows.map((r) => r.action))].sort())
  })

  it('pages with limit and offset', async ({ core }) => {
    await someActivity(core)
    const ids = [...auditIds(core)].reverse()
    const first = await ok(core, 'admin', 'audit.list', { ...ALL, limit: 3, offset: 0 })
    const second = await ok(core, 'admin', 'audit.list', { ...ALL, limit: 3, offset: 3 })
    expect(first.rows.map((r) => r.id)).toEqual(ids.slice(0, 3))
    expect(second.rows.map((r) => r.id)).toEqual(ids.slice(3, 6))
    expect(second.total).toBe(ids.length)
  })

  it('filters by user and by action, and by a family of actions', async ({ core }) => {
    await someActivity(core)
    const r001 = (await ok(core, 'admin', 'users.list', {})).find((u) => u.badgeNo === 'R001')?.id ?? 0

    const mine = await ok(core, 'admin', 'audit.list', { ...ALL, userId: r001 })
    // R001's own trail, newest first: the sign-in and password change of addUser, then someActivity.
    expect(mine.rows.map((r) => r.action)).toEqual([
      'auth.signOut',
      'auth.signIn.failed',
      'auth.unlock',
      'auth.lock',
      'user.changePassword',
      'auth.signIn',
    ])
    expect(mine.rows.every((r) => r.userId === r001 && r.userBadgeNo === 'R001')).toBe(true)
    expect(mine.total).toBe(mine.rows.length)

    const locks = await ok(core, 'admin', 'audit.list', { ...ALL, action: 'auth.lock' })
    expect(locks.rows.map((r) => r.userBadgeNo)).toEqual(['A001', 'R001'])

    const failed = await ok(core, 'admin', 'audit.list', { ...ALL, action: 'auth.signIn.failed' })
    expect(failed.rows).toHaveLength(1)
    expect(JSON.parse(failed.rows[0]?.detail ?? '{}')).toEqual({ attempts: 1 })

    const auth = await ok(core, 'admin', 'audit.list', { ...ALL, action: 'auth.*' })
    expect(new Set(auth.rows.map((r) => r.action))).toEqual(
      new Set(['auth.signIn', 'auth.signIn.failed', 'auth.lock', 'auth.unlock', 'auth.signOut']),
    )
    const both = await ok(core, 'admin', 'audit.list', { ...ALL, userId: r001, action: 'auth.lock' })
    expect(both.total).toBe(1)
    // The filter lists every action, whatever is filtered.
    expect(both.actions).toEqual(mine.actions)
  })

  // Issue 13: the idle lock is recorded as such (the log shows 自动锁定), a lock by hand as manual.
  it('records an idle lock with reason idle and a lock by hand with reason manual', async ({ core }) => {
    const before = Number(core.connection.raw.prepare("select coalesce(max(id), 0) from audit_log").pluck().get())
    await ok(core, 'admin', 'auth.lock', { reason: 'idle' })
    await ok(core, 'admin', 'auth.unlock', { password: 'Admin2026pass' })
    await ok(core, 'admin', 'auth.lock', {})
    await ok(core, 'admin', 'auth.unlock', { password: 'Admin2026pass' })
    const locks = core.connection.raw.prepare("select detail from audit_log where action = 'auth.lock' and id > ? order by id").pluck().all(before)
    expect(locks).toEqual(['{"reason":"idle"}', '{"reason":"manual"}'])
    const refused = await call(core, 'admin', 'auth.lock', { reason: 'sleepy' } as never)
    expect(refused.ok).toBe(false)
  })

  it('filters by hall-local days, not by UTC days', async ({ core }) => {
    // The setup was at 10:00 on 22 November in Wuhan (02:00 UTC).
    core.clock.set('2026-11-22T15:59:59.000Z') // 23:59:59 on the 22nd in Wuhan
    await ok(core, 'admin', 'auth.lock', {})
    core.clock.set('2026-11-22T16:00:00.000Z') // 00:00 on the 23rd in Wuhan, still the 22nd in UTC
    await ok(core, 'admin', 'auth.unlock', { password: 'Admin2026pass' })
    core.clock.set('2026-11-24T03:00:00.000Z')
    await ok(core, 'auditor', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })

    const day = async (from: string | null, to: string | null) =>
      (await ok(core, 'auditor', 'audit.list', { ...ALL, from, to })).rows.map((r) => `${r.action}@${r.at}`)
    expect(await day('2026-11-23', '2026-11-23')).toEqual(['auth.unlock@2026-11-22T16:00:00.000Z'])
    expect(await day('2026-11-22', '2026-11-22')).toEqual([
      'auth.lock@2026-11-22T15:59:59.000Z',
      'hall.setup@2026-11-22T02:00:00.000Z',
    ])
    expect(await day('2026-11-23', null)).toHaveLength(2)
    expect(await day(null, '2026-11-22')).toHaveLength(2)
    expect(await day('2026-11-25', '2026-11-30')).toEqual([])
  })

  it('refuses a range that ends before it starts, and a malformed action', async ({ core }) => {
    const range = await call(core, 'admin', 'audit.list', { ...ALL, from: '2026-11-23', to: '2026-11-22' })
    expect(range.ok ? 'ok' : range.error.key).toBe('v.audit.range')
    const action = await call(core, 'admin', 'audit.list', { ...ALL, action: "auth' OR 1=1" })
    expect(action.ok ? 'ok' : action.error.key).toBe('v.audit.action')
  })
})
