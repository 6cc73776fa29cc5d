import { createHash, randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core, CoreOptions } from '../../electron/core'
import { openCore } from '../../electron/core'
import { DATABASE_FILE } from '../../electron/paths'
import { openSqlite } from '../../electron/db/cipher'
import { openConnection } from '../../electron/db/connection'
import { migrate } from '../../electron/db/migrate'
import { MIGRATIONS } from '../../electron/db/migrations'
import { AppError } from '../../electron/errors'
import { verifyAudit } from '../../electron/services/audit/audit'
import type { BackupInfo } from '../../electron/services/backup/backup'
import { BACKUP_STATE_FILE, createBackups } from '../../electron/services/backup/backup'
import { checkBackup } from '../../electron/services/backup/format'
import { restoreFiles } from '../../electron/services/backup/restore'
import { STALE_START_DELAY_MS, firstBackupDelay, startBackupSchedule } from '../../electron/services/backup/schedule'
import { DAY_MS, parseTimeStamp, timeStamp } from '../../electron/services/backup/stamps'
import { restoreAndReopen } from '../../electron/core-host'
import { addUser, fakeClock, ok, setUpHall, tempDir, validIntake } from './helpers'

let dir: ReturnType<typeof tempDir>
let dataDir: string
let backupDir: string
let clock: ReturnType<typeof fakeClock>
let core: Core

function coreOptions(): CoreOptions {
  return { dataDir, clock, scryptN: 2 ** 10, onInternalError: () => undefined }
}

beforeEach(async () => {
  dir = tempDir()
  dataDir = join(dir.dir, 'data')
  backupDir = join(dir.dir, 'backups')
  clock = fakeClock()
  core = await openCore(coreOptions())
  await setUpHall(core)
  await addUser(core, 'r1', 'receptionist', 'R001')
})
afterEach(async () => {
  vi.useRealTimers()
  await core.close()
  dir.remove()
})

function backups(extra: { keepDays?: number } = {}) {
  return createBackups({ connection: core.connection, dataDir, clock, ...extra })
}

async function register(n: number): Promise<string[]> {
  const numbers: string[] = []
  for (let i = 0; i < n; i++)
    numbers.push((await ok(core, 'r1', 'intake.register', validIntake())).caseNumber)
  return numbers
}

function rows(raw: BetterSqlite3.Database, sql: string): unknown[] {
  return raw.prepare(sql).all()
}

function count(raw: BetterSqlite3.Database, table: string): number {
  return (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

function caseNumbers(raw: BetterSqlite3.Database): string[] {
  return (rows(raw, 'SELECT case_number FROM visits ORDER BY id') as { case_number: string }[]).map(
    (r) => r.case_number,
  )
}

function visitsHash(raw: BetterSqlite3.Database): string {
  return createHash('sha256')
    .update(JSON.stringify(rows(raw, 'SELECT * FROM visits ORDER BY id')))
    .digest('hex')
}

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

function replacedDirs(): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith('replaced-'))
}

function auditRows(
  raw: BetterSqlite3.Database,
  action: string,
): { user_id: number | null; entity_id: string; detail: string }[] {
  return raw
    .prepare('SELECT user_id, entity_id, detail FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as {
    user_id: number | null
    entity_id: string
    detail: string
  }[]
}

/** Expects a refusal with the key, and returns it. */
async function refusal(promise: Promise<unknown>, key: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).key).toBe(key)
  return error as AppError
}

describe('backupNow', () => {
  it('writes a verified, self-contained copy with a sidecar and an audit row without contents', async () => {
    await register(2)
    const info = await backups().backupNow(backupDir, 1)
    expect(info.fileName).toBe('intake-desk-20261122-100000.sqlite3') // 02:00 UTC is 10:00 in Shanghai
    expect(info.path).toBe(join(backupDir, info.fileName))
    expect(info).toMatchObject({ createdAt: '2026-11-22T02:00:00.000Z', schemaVersion: MIGRATIONS.length })
    expect(readdirSync(backupDir).sort()).toEqual([info.fileName, `${info.fileName}.json`])

    const sidecar = JSON.parse(readFileSync(`${info.path}.json`, 'utf8')) as Record<string, unknown>
    expect(sidecar).toMatchObject({
      createdAt: info.createdAt,
      schemaVersion: MIGRATIONS.length,
      sizeBytes: readFileSync(info.path).length,
      sha256: fileHash(info.path),
    })

    const copy = openSqlite(info.path, core.connection.key, { readonly: true })
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(caseNumbers(copy)).toEqual(caseNumbers(core.connection.raw))
    } finally {
      copy.close()
    }

    const [audit, ...more] = auditRows(core.connection.raw, 'backup.create')
    expect(more).toEqual([])
    expect(audit?.user_id).toBe(1)
    expect(audit?.entity_id).toBe(info.fileName)
    expect(JSON.parse(audit?.detail ?? '{}')).toEqual({
      file: info.fileName,
      sizeBytes: info.sizeBytes,
      schemaVersion: MIGRATIONS.length,
      pruned: 0,
    })
    expect(await verifyAudit(core.connection.db)).toBeNull()
  })

  it('names two backups of the same second apart and lists them newest first with their hash state', async () => {
    const b = backups()
    const [first, second] = await Promise.all([b.backupNow(backupDir, null), b.backupNow(backupDir, null)])
    expect(first?.fileName).toBe('intake-desk-20261122-100000.sqlite3')
    expect(second?.fileName).toBe('intake-desk-20261122-100000-2.sqlite3')
    clock.advance(60 * 60 * 1000)
    const third = await b.backupNow(backupDir, null)
    writeFileSync(join(backupDir, 'intake-desk-20261121-080000.sqlite3'), 'no sidecar')

    const listed = await b.listBackups(backupDir)
    expect(listed.map((l) => l.fileName)).toEqual([
      third.fileName,
      'intake-desk-20261122-100000-2.sqlite3',
      'intake-desk-20261122-100000.sqlite3',
      'intake-desk-20261121-080000.sqlite3',
    ])
    expect(listed[0]).toMatchObject({
      schemaVersion: MIGRATIONS.length,
      sizeBytes: third.sizeBytes,
      hashMatches: true,
    })
    expect(listed[3]).toMatchObject({
      createdAt: '2026-11-21T00:00:00.000Z',
      schemaVersion: null,
      hashMatches: null,
    })

    writeFileSync(third.path, Buffer.concat([readFileSync(third.path), Buffer.from('tampered')]))
    expect((await b.listBackups(backupDir))[0]?.hashMatches).toBe(false)
    expect(await b.listBackups(join(dir.dir, 'nowhere'))).toEqual([])
  })

  it('refuses a folder it cannot write to with a clear message', async () => {
    const blocked = join(dir.dir, 'a-file')
    writeFileSync(blocked, 'not a folder')
    const error = await refusal(backups().backupNow(join(blocked, 'backups'), 1), 'e.BACKUP_FOLDER')
    expect(error.params.folder).toBe(join(blocked, 'backups'))
    expect(auditRows(core.connection.raw, 'backup.create')).toEqual([])
  })

  it('waits for a write transaction open on the connection instead of copying nothing', async () => {
    await register(2)
    // better-sqlite3 reports a first backup step refused by an open write transaction as a
    // finished backup of 0 pages; the service must wait for the transaction instead.
    const raw = core.connection.raw
    raw.exec('BEGIN IMMEDIATE')
    raw.prepare('UPDATE hall SET phone = ?').run('027-12345678')
    const backup = backups().backupNow(backupDir, null)
    await new Promise((resolve) => setTimeout(resolve, 100))
    raw.exec('COMMIT')
    const info = await backup
    const copy = openSqlite(info.path, core.connection.key, { readonly: true })
    try {
      expect(caseNumbers(copy)).toEqual(['WH-20261122-0001', 'WH-20261122-0002'])
      expect(copy.prepare('SELECT phone FROM hall').get()).toEqual({ phone: '027-12345678' })
    } finally {
      copy.close()
    }
  })

  it('stays consistent while registrations continue', async () => {
    await register(20)
    // The copy (VACUUM INTO, which can write it encrypted) is taken between registrations.
    const backup = backups().backupNow(backupDir, null)
    const during = register(100)
    const info = await backup
    await during

    expect(checkBackup(info.path, core.connection.key)).toEqual({ ok: true, schemaVersion: MIGRATIONS.length })
    const copy = openSqlite(info.path, core.connection.key, { readonly: true })
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.pragma('foreign_key_check')).toEqual([])
      // A snapshot between two registrations: the live database's first cases, each whole.
      const copied = caseNumbers(copy)
      expect(copied.length).toBeGreaterThanOrEqual(20)
      expect(caseNumbers(core.connection.raw).slice(0, copied.length)).toEqual(copied)
      const seq = copy.prepare('SELECT sum(last_seq) AS n FROM case_sequences').get() as { n: number }
      expect(seq.n).toBe(count(copy, 'visits'))
    } finally {
      copy.close()
    }
  })
})

describe('restore', () => {
  it('gives exactly the backed-up data, sets the replaced database aside and records it', async () => {
    const backedUp = await register(2)
    const snapshot = rows(core.connection.raw, 'SELECT * FROM visits ORDER BY id')
    const visitors = rows(core.connection.raw, 'SELECT * FROM visitors ORDER BY id')
    const info = await backups().backupNow(backupDir, 1)
    const later = await register(3)
    expect(count(core.connection.raw, 'visits')).toBe(5)

    clock.advance(5 * 60 * 1000)
    core = await restoreAndReopen(core, coreOptions(), info.path, 1)

    expect(rows(core.connection.raw, 'SELECT * FROM visits ORDER BY id')).toEqual(snapshot)
    expect(rows(core.connection.raw, 'SELECT * FROM visitors ORDER BY id')).toEqual(visitors)
    expect(caseNumbers(core.connection.raw)).toEqual(backedUp)
    for (const gone of later) expect(caseNumbers(core.connection.raw)).not.toContain(gone)

    expect(replacedDirs()).toEqual(['replaced-20261122-100500'])
    const aside = openSqlite(join(dataDir, 'replaced-20261122-100500', DATABASE_FILE), core.connection.key, {
      readonly: true,
    })
    try {
      expect(caseNumbers(aside)).toEqual([...backedUp, ...later])
    } finally {
      aside.close()
    }
    expect(readdirSync(dataDir).filter((f) => f.includes('.restoring'))).toEqual([])

    const [audit] = auditRows(core.connection.raw, 'backup.restore')
    expect(audit?.user_id).toBe(1)
    expect(JSON.parse(audit?.detail ?? '{}')).toEqual({
      file: info.fileName,
      schemaVersion: MIGRATIONS.length,
      replacedDir: 'replaced-20261122-100500',
      notRestored: 3,
      notRestoredCases: later,
    })
    expect(await verifyAudit(core.connection.db)).toBeNull()

    // The restored core works: sessions start afresh, and numbering continues after the last
    // number issued, not the last one backed up: 0003–0005 are on receipts already.
    await ok(core, 'r1', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
    expect(await register(1)).toEqual(['WH-20261122-0006'])
  })

  it('migrates an older backup forward', async () => {
    const oldFile = join(dir.dir, 'old.sqlite3')
    // A backup from before encryption: a plain file, encrypted as it is restored.
    const old = openConnection(oldFile, null)
    await migrate(old.db, MIGRATIONS.slice(0, 3))
    await old.close()
    expect(checkBackup(oldFile, core.connection.key)).toEqual({ ok: true, schemaVersion: 3 })

    core = await restoreAndReopen(core, coreOptions(), oldFile, null)
    expect(core.connection.raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(count(core.connection.raw, 'visits')).toBe(0)
    expect(auditRows(core.connection.raw, 'backup.restore')).toHaveLength(1)
  })

  describe('refuses a bad file and leaves the current data untouched', () => {
    async function realBackup(): Promise<BackupInfo> {
      return backups().backupNow(backupDir, 1)
    }

    const cases: { name: string; key: string; make: (file: string) => Promise<void> }[] = [
      {
        name: 'random bytes',
        key: 'e.BACKUP_NOT_DB',
        make: (file) => Promise.resolve(writeFileSync(file, randomBytes(64 * 1024))),
      },
      {
        name: 'a text file',
        key: 'e.BACKUP_NOT_DB',
        make: (file) => Promise.resolve(writeFileSync(file, '2026-11-22 visits\n'.repeat(100))),
      },
      {
        name: 'a truncated copy of a real backup',
        key: 'e.BACKUP_DAMAGED',
        make: async (file) => {
          const full = readFileSync((await realBackup()).path)
          writeFileSync(file, full.subarray(0, Math.floor(full.length / 2)))
        },
      },
      {
        name: 'a real backup with a page overwritten',
        key: 'e.BACKUP_DAMAGED',
        make: async (file) => {
          const full = readFileSync((await realBackup()).path)
          randomBytes(4096).copy(full, 4096 * 3)
          writeFileSync(file, full)
        },
      },
      {
        name: 'another application’s SQLite database',
        key: 'e.BACKUP_FOREIGN',
        make: (file) => {
          const other = openSqlite(file, null)
          other.exec(
            'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1)',
          )
          other.pragma('user_version = 2')
          other.close()
          return Promise.resolve()
        },
      },
      {
        name: 'a backup from a newer version of the app',
        key: 'e.BACKUP_TOO_NEW',
        make: async (file) => {
          copyFileSync((await realBackup()).path, file)
          const newer = openSqlite(file, core.connection.key)
          newer.pragma(`user_version = ${MIGRATIONS.length + 5}`)
          newer.close()
        },
      },
      {
        name: 'a file that is not there',
        key: 'e.BACKUP_MISSING',
        make: () => Promise.resolve(),
      },
    ]

    for (const c of cases) {
      it(`${c.name}: ${c.key}`, async () => {
        await register(3)
        const file = join(dir.dir, 'chosen.sqlite3')
        await c.make(file)
        const visits = count(core.connection.raw, 'visits')
        const hash = visitsHash(core.connection.raw)
        const audit = count(core.connection.raw, 'audit_log')

        const check = checkBackup(file, core.connection.key)
        expect(check.ok).toBe(false)
        if (!check.ok) expect(check.error.key).toBe(c.key)
        const before = core
        const error = await refusal(restoreAndReopen(core, coreOptions(), file, 1), c.key)
        expect(error.params.file).toBe('chosen.sqlite3')
        if (c.key === 'e.BACKUP_TOO_NEW') {
          expect(error.params).toMatchObject({ found: MIGRATIONS.length + 5, supported: MIGRATIONS.length })
        }

        // The same core, the same data, nothing set aside, and it still takes registrations.
        expect(core).toBe(before)
        expect(count(core.connection.raw, 'visits')).toBe(visits)
        expect(visitsHash(core.connection.raw)).toBe(hash)
        expect(count(core.connection.raw, 'audit_log')).toBe(audit)
        expect(replacedDirs()).toEqual([])
        expect(await register(1)).toEqual(['WH-20261122-0004'])
      })
    }

    it('restoreFiles refuses on closed files before moving anything', async () => {
      await register(2)
      const full = readFileSync((await realBackup()).path)
      const file = join(dir.dir, 'truncated.sqlite3')
      writeFileSync(file, full.subarray(0, Math.floor(full.length / 2)))
      const key = core.connection.key
      await core.close()
      const live = join(dataDir, DATABASE_FILE)
      const hash = fileHash(live)
      const listing = readdirSync(dataDir).sort()

      expect(() => restoreFiles(dataDir, file, key, clock())).toThrow(AppError)
      expect(fileHash(live)).toBe(hash)
      expect(readdirSync(dataDir).sort()).toEqual(listing)

      core = await openCore(coreOptions())
      expect(count(core.connection.raw, 'visits')).toBe(2)
    })
  })
})

describe('pruning', () => {
  // The clock stands at 2026-11-22 10:00:00 in Shanghai: 30 days back is 2026-10-23 10:00:00.
  const OLD_BY_NAME = 'intake-desk-20261001-100000.sqlite3'
  const JUST_TOO_OLD = 'intake-desk-20261023-095959.sqlite3'
  const EXACTLY_30_DAYS = 'intake-desk-20261023-100000.sqlite3'
  const YOUNG = 'intake-desk-20261120-100000.sqlite3'
  const OLD_BY_SIDECAR = 'intake-desk-20261121-100000.sqlite3'
  const YOUNG_BY_SIDECAR = 'intake-desk-20261001-090000.sqlite3'
  const OTHERS = [
    'notes.txt',
    DATABASE_FILE,
    'intake-desk-20200101.sqlite3',
    'other-20200101-000000.sqlite3',
    'intake-desk-20200101-000000.sqlite3.partial',
    'intake-desk-20200101-000000.sqlite3.bak',
  ]

  function sidecar(file: string, createdAt: string): void {
    writeFileSync(
      join(backupDir, `${file}.json`),
      JSON.stringify({ createdAt, schemaVersion: 4, sizeBytes: 1, sha256: 'x' }),
    )
  }

  beforeEach(() => {
    mkdirSync(backupDir, { recursive: true })
    for (const file of [
      OLD_BY_NAME,
      JUST_TOO_OLD,
      EXACTLY_30_DAYS,
      YOUNG,
      OLD_BY_SIDECAR,
      YOUNG_BY_SIDECAR,
      ...OTHERS,
    ]) {
      writeFileSync(join(backupDir, file), 'x')
    }
    sidecar(OLD_BY_SIDECAR, '2026-09-01T00:00:00.000Z')
    sidecar(YOUNG_BY_SIDECAR, '2026-11-21T12:00:00.000Z')
    // A folder named like a backup is not a backup.
    mkdirSync(join(backupDir, 'intake-desk-20200101-000000.sqlite3'))
  })

  it('removes backups older than the kept days after a backup, and never other files', async () => {
    const info = await backups().backupNow(backupDir, null)
    expect(readdirSync(backupDir).sort()).toEqual(
      [
        ...OTHERS,
        'intake-desk-20200101-000000.sqlite3',
        EXACTLY_30_DAYS,
        YOUNG,
        YOUNG_BY_SIDECAR,
        `${YOUNG_BY_SIDECAR}.json`,
        info.fileName,
        `${info.fileName}.json`,
      ].sort(),
    )
    const [audit] = auditRows(core.connection.raw, 'backup.create')
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ pruned: 3 })
  })

  it('follows the hall’s setting of the days kept', async () => {
    core.connection.raw.prepare('UPDATE hall SET backup_keep_days = 1').run()
    const info = await backups().backupNow(backupDir, null)
    const left = readdirSync(backupDir).filter((f) => f.startsWith('intake-desk-2026'))
    expect(left.sort()).toEqual(
      [YOUNG_BY_SIDECAR, `${YOUNG_BY_SIDECAR}.json`, info.fileName, `${info.fileName}.json`].sort(),
    )
    for (const other of OTHERS) expect(existsSync(join(backupDir, other)), other).toBe(true)
  })
})

describe('the last backup', () => {
  it('is remembered across restarts and is stale after a day or when there is none', async () => {
    const b = backups()
    expect(b.lastBackup()).toBeNull()
    expect(b.isStale()).toBe(true)

    const info = await b.backupNow(backupDir, null)
    expect(b.lastBackup()).toEqual({ at: '2026-11-22T02:00:00.000Z', path: info.path })
    expect(b.isStale()).toBe(false)
    clock.advance(DAY_MS)
    expect(b.isStale()).toBe(false)
    clock.advance(1)
    expect(b.isStale()).toBe(true)

    // A new service, as after a restart, reads the same record; so does one after a restore.
    core = await restoreAndReopen(core, coreOptions(), info.path, null)
    expect(backups().lastBackup()).toEqual({ at: '2026-11-22T02:00:00.000Z', path: info.path })

    writeFileSync(join(dataDir, BACKUP_STATE_FILE), '{ not json')
    expect(backups().lastBackup()).toBeNull()
  })

  it('the scheduled backup goes to the hall’s folder, and is skipped while none is set', async () => {
    const b = backups()
    expect(await b.scheduled()).toBeNull()
    core.connection.raw.prepare('UPDATE hall SET backup_folder = ?').run(backupDir)
    const info = await b.scheduled()
    expect(info?.path.startsWith(backupDir)).toBe(true)
    expect(auditRows(core.connection.raw, 'backup.create')[0]?.user_id).toBeNull()
  })
})

describe('startBackupSchedule', () => {
  it('runs shortly after start when stale, then once a day, until stopped', async () => {
    vi.useFakeTimers()
    const run = vi.fn(() => Promise.resolve())
    const stop = startBackupSchedule({ run, firstIn: firstBackupDelay(true) })
    await vi.advanceTimersByTimeAsync(STALE_START_DELAY_MS - 1)
    expect(run).toHaveBeenCalledTimes(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(DAY_MS - 1)
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(2)
    stop()
    await vi.advanceTimersByTimeAsync(3 * DAY_MS)
    expect(run).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('waits a full day when the last backup is fresh, and keeps going after a failed run', async () => {
    vi.useFakeTimers()
    expect(firstBackupDelay(false)).toBe(DAY_MS)
    const onError = vi.fn()
    const run = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined)
    const stop = startBackupSchedule({ run, every: 1000, firstIn: firstBackupDelay(false, 1000), onError })
    await vi.advanceTimersByTimeAsync(1000)
    expect(onError).toHaveBeenCalledWith(new Error('disk full'))
    await vi.advanceTimersByTimeAsync(2000)
    expect(run).toHaveBeenCalledTimes(3)
    stop()
  })

  it('never keeps the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout')
    const stop = startBackupSchedule({ run: () => Promise.resolve() })
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout
    expect(timer.hasRef()).toBe(false)
    stop()
    spy.mockRestore()
  })
})

describe('time stamps', () => {
  it('name files in the hall’s time zone and read back to the same instant', () => {
    const at = new Date('2026-11-21T16:30:05.000Z')
    expect(timeStamp(at, 'Asia/Shanghai')).toBe('20261122-003005')
    expect(parseTimeStamp('20261122-003005', 'Asia/Shanghai')).toEqual(at)
    expect(parseTimeStamp('20260329-013000', 'Europe/Berlin')).toEqual(new Date('2026-03-29T00:30:00.000Z'))
    expect(parseTimeStamp('2026-11-22', 'Asia/Shanghai')).toBeNull()
  })
})
