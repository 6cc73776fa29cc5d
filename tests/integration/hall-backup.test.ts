import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect } from 'vitest'
import { listAudit } from '../../electron/db/repositories/audit'
import { findPgDump, runPgDump } from '../../electron/services/backup/pg-dump'
import { AppError } from '../../electron/errors'
import { test } from './fixtures'
import { ENGINE, TEST_DATABASE, call, ok, validIntake } from './helpers'

// PostgreSQL only: hall mode's backups are the hall database's pg_dump; a single desk's file
// backups are backup.test.ts's. The sqlite project says so and skips them.
const onPostgres = describe.skipIf(ENGINE !== 'postgres')
if (ENGINE !== 'postgres') console.log('hall-backup.test.ts: hall-mode backups (pg_dump) skipped in this run (no INTAKE_DESK_TEST_DATABASE; the postgres project runs them)')

const PASSWORD = TEST_DATABASE === undefined ? '' : decodeURIComponent(new URL(TEST_DATABASE).password)

/** The backup folder's files, sidecars included. */
const filesIn = (folder: string) => (existsSync(folder) ? readdirSync(folder).sort() : [])

onPostgres('backups in hall mode: pg_dump into the backup folder', () => {
  const it = test.override({ users: { r1: ['receptionist', 'R001'] } })

  it('立即备份 runs pg_dump --format=custom into the folder: an owner-only archive of the hall, checked, listed, audited', async ({ core, dir }) => {
    const folder = join(dir, 'backups')
    await ok(core, 'admin', 'settings.update', { address: '', phone: '', receiptLayout: 'a5', receiptPrinter: null, idleLockMinutes: 0, backupFolder: folder })
    const registered = await ok(core, 'r1', 'intake.register', validIntake())

    const made = await ok(core, 'admin', 'backup.now', {})
    expect(made.kind).toBe('dump')
    expect(made.fileName).toMatch(/^intake-desk-hall-\d{8}-\d{6}\.dump$/)
    expect(filesIn(folder)).toEqual([made.fileName, `${made.fileName}.json`])
    expect(statSync(made.path).mode & 0o777).toBe(0o600)
    const bytes = readFileSync(made.path)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('PGDMP')
    // The archive holds the hall, case included, as pg_restore reads it back.
    const restore = join(findPgDump() ?? '', '..', 'pg_restore')
    const listing = spawnSync(restore, ['--list', made.path], { encoding: 'utf8' })
    expect(listing.status).toBe(0)
    for (const table of ['visits', 'visitors', 'audit_log', 'hall']) expect(listing.stdout).toMatch(new RegExp(`TABLE DATA \\S+ ${table} `))
    const data = spawnSync(restore, ['--data-only', '--table=visits', '--file=-', made.path], { encoding: 'utf8' })
    expect(data.stdout).toContain(registered.caseNumber)
    // The password is in no file the backup wrote.
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false)

    const list = await ok(core, 'admin', 'backup.list', {})
    expect(list).toEqual([expect.objectContaining({ fileName: made.fileName, kind: 'dump', hashMatches: true, sizeBytes: bytes.length })])
    const status = await ok(core, 'admin', 'backup.status', {})
    expect(status.last?.path).toBe(made.path)
    expect(status.stale).toBe(false)
    expect(status.running).toBeNull()

    const audited = (await listAudit(core.connection.db)).filter((r) => r.action === 'backup.create')
    expect(audited).toHaveLength(1)
    expect(audited[0]).toMatchObject({ user_id: 1, entity_id: made.fileName })
    expect(JSON.parse(audited[0]?.detail ?? '{}')).toMatchObject({ file: made.fileName, via: 'pg_dump', sizeBytes: bytes.length })
  })

  it('the card says the backups are the server’s and shows IT pg_dump and pg_restore without the password', async ({ core }) => {
    const status = await ok(core, 'admin', 'backup.status', {})
    const url = new URL(TEST_DATABASE ?? '')
    expect(status.hall).not.toBeNull()
    expect(status.hall?.target).toBe(`postgres://${url.username}@${url.host}${url.pathname}`)
    expect(status.hall?.pgDump).toBe(findPgDump())
    expect(status.hall?.dumpCommand).toMatch(/^pg_dump --format=custom --no-password --file=\S+ --dbname=postgres:\/\/intake_desk_test@127\.0\.0\.1:5432\/intake_desk_test$/)
    expect(status.hall?.pgpassLine).toBe('127.0.0.1:5432:intake_desk_test:intake_desk_test:PASSWORD')
    expect(status.hall?.restoreCommand).toMatch(/^pg_restore --exit-on-error --no-owner --role=OWNER --dbname=postgres:\/\/OWNER@127\.0\.0\.1:5432\/intake_desk_test_restored /)
    for (const text of [status.hall?.dumpCommand, status.hall?.restoreCommand, status.hall?.target, status.hall?.pgpassLine]) expect(text).not.toContain(PASSWORD)
  })

  it('the daily backup runs the same pg_dump into the hall’s folder', async ({ core, dir }) => {
    const folder = join(dir, 'daily')
    await ok(core, 'admin', 'settings.update', { address: '', phone: '', receiptLayout: 'a5', receiptPrinter: null, idleLockMinutes: 0, backupFolder: folder })
    const info = await core.backups.scheduled()
    expect(info?.fileName).toMatch(/^intake-desk-hall-.*\.dump$/)
    expect(filesIn(folder)).toEqual([info?.fileName, `${info?.fileName}.json`])
    const audited = (await listAudit(core.connection.db)).filter((r) => r.action === 'backup.create')
    expect(audited[0]?.user_id).toBeNull()
  })

  it('a restore is not offered from the desk: IT restores the hall database on the server', async ({ core }) => {
    const refused = await call(core, 'admin', 'backup.restore', { path: '/tmp/intake-desk-hall-20261122-100000.dump' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'e.hallBackup.RESTORE_BY_IT' } })
    if (!refused.ok) expect(refused.error.message).toContain('pg_restore')
  })

  it('pg_dump refused by the server (a wrong password) says so in Chinese and leaves no file', async ({ dir }) => {
    const url = new URL(TEST_DATABASE ?? '')
    url.password = 'not-the-password'
    const file = join(dir, 'wrong.dump')
    const pgDump = findPgDump()
    expect(pgDump).not.toBeNull()
    const failed = await runPgDump({ pgDump: pgDump ?? '', url: url.toString(), file }).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(AppError)
    expect((failed as AppError).key).toBe('e.hallBackup.AUTH')
  })
})

onPostgres('backups in hall mode on a desk without pg_dump', () => {
  const it = test.override({ coreOptions: { findPgDump: () => null } })

  it('立即备份 is refused with a Chinese message naming pg_dump, and no file is written', async ({ core, dir }) => {
    const folder = join(dir, 'backups')
    await ok(core, 'admin', 'settings.update', { address: '', phone: '', receiptLayout: 'a5', receiptPrinter: null, idleLockMinutes: 0, backupFolder: folder })
    const status = await ok(core, 'admin', 'backup.status', {})
    expect(status.hall?.pgDump).toBeNull()
    // IT still gets the command to run elsewhere.
    expect(status.hall?.dumpCommand).toMatch(/^pg_dump /)

    const refused = await call(core, 'admin', 'backup.now', {})
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'e.hallBackup.MISSING' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/^本机没有安装 PostgreSQL 客户端（找不到 pg_dump）.*未写入任何文件/)
    await expect(core.backups.scheduled()).rejects.toMatchObject({ key: 'e.hallBackup.MISSING' })
    expect(filesIn(folder)).toEqual([])
    expect((await ok(core, 'admin', 'backup.status', {})).last).toBeNull()
    expect((await listAudit(core.connection.db)).filter((r) => r.action === 'backup.create')).toEqual([])
  })
})
