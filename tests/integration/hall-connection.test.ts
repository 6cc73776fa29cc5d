import { describe, expect } from 'vitest'
import { listAudit } from '../../electron/db/repositories/audit'
import { MIGRATIONS } from '../../electron/db/migrations'
import type { HallConnection } from '../../shared/hall-connection/schemas'
import type { HallConnectionStore } from '../../electron/services/hall-connection/store'
import { test } from './fixtures'
import { ENGINE, TEST_DATABASE, call, ok } from './helpers'

// PostgreSQL only: 测试连接 tries a real server (the test database); the sqlite project says so and skips.
const onPostgres = describe.skipIf(ENGINE !== 'postgres')
if (ENGINE !== 'postgres') console.log('hall-connection.test.ts: 测试连接 against a PostgreSQL server skipped in this run (no INTAKE_DESK_TEST_DATABASE; the postgres project runs it)')

const url = new URL(TEST_DATABASE ?? 'postgres://u:p@127.0.0.1:5432/d')
const FIELDS = {
  host: url.hostname,
  port: Number(url.port || 5432),
  database: url.pathname.slice(1),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  tls: 'off' as const,
  caFile: '',
}

/** A store in memory, to see what was saved. */
function memoryStore(): HallConnectionStore & { saved: HallConnection | null } {
  const store = {
    kind: 'file' as const,
    saved: null as HallConnection | null,
    load: () => store.saved,
    save: (c: HallConnection) => {
      store.saved = c
    },
  }
  return store
}

onPostgres('连接大厅数据库: 测试连接 and 保存', () => {
  const store = memoryStore()
  const it = test.override({ coreOptions: { hallConnectionStore: store } })

  it('测试连接 reports the server, its encoding and ctype, and the hall on it', async ({ core }) => {
    const found = await ok(core, 'admin', 'hallConnection.test', FIELDS)
    expect(found.serverVersion).toMatch(/^1[5-9]\.|^[2-9]\d\./)
    expect(found).toMatchObject({ encoding: 'UTF8', ctype: 'C.UTF-8', schemaVersion: MIGRATIONS.length, appSchemaVersion: MIGRATIONS.length, hall: '武汉市信访局接待大厅', tls: 'off' })
    expect(store.saved).toBeNull()
  })

  it('a wrong password, database or port is refused in Chinese, and nothing is saved', async ({ core }) => {
    const wrong = await call(core, 'admin', 'hallConnection.test', { ...FIELDS, password: 'not-the-password' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'e.hallConnection.AUTH' } })
    if (!wrong.ok) expect(wrong.error.message).toBe(`大厅数据库拒绝登录：用户“${FIELDS.user}”的用户名或密码不正确。请核对后重试；未保存任何内容。`)
    const noDb = await call(core, 'admin', 'hallConnection.save', { ...FIELDS, database: 'no_such_hall' })
    expect(noDb).toMatchObject({ ok: false, error: { key: 'e.hallConnection.NO_DATABASE' } })
    const closed = await call(core, 'admin', 'hallConnection.test', { ...FIELDS, port: 1 })
    expect(closed).toMatchObject({ ok: false, error: { code: 'HALL_UNAVAILABLE', key: 'e.hallConnection.UNREACHABLE' } })
    const noCa = await call(core, 'admin', 'hallConnection.test', { ...FIELDS, tls: 'verify-full', caFile: '/nonexistent/ca.pem' })
    expect(noCa).toMatchObject({ ok: false, error: { key: 'e.hallConnection.CA_FILE' } })
    // The test server offers no TLS: asking for it is refused as such.
    const tls = await call(core, 'admin', 'hallConnection.test', { ...FIELDS, tls: 'require' })
    expect(tls).toMatchObject({ ok: false, error: { key: 'e.hallConnection.TLS' } })
    expect(store.saved).toBeNull()
  })

  it('保存 tests first, keeps the password in the store only, audits without it; an empty password later keeps the saved one', async ({ core }) => {
    const view = await ok(core, 'admin', 'hallConnection.save', FIELDS)
    expect(view).toMatchObject({ mode: 'hall', host: FIELDS.host, user: FIELDS.user, hasPassword: true })
    expect(JSON.stringify(view)).not.toContain(FIELDS.password)
    expect(store.saved).toEqual({ mode: 'hall', fields: FIELDS })
    expect(await ok(core, 'admin', 'hallConnection.get', {})).toEqual(view)
    const audited = (await listAudit(core.connection.db)).filter((r) => r.action === 'hallConnection.save')
    expect(audited).toHaveLength(1)
    expect(audited[0]?.detail).not.toContain(FIELDS.password)

    // The administrator changes the connection later without retyping the password.
    expect((await ok(core, 'admin', 'hallConnection.test', { ...FIELDS, password: '' })).encoding).toBe('UTF8')
    await ok(core, 'admin', 'hallConnection.save', { ...FIELDS, password: '' })
    expect(store.saved).toEqual({ mode: 'hall', fields: FIELDS })
  })
})
