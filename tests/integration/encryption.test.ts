import { copyFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { restoreAndReopen } from '../../electron/core-host'
import { SQLITE_MAGIC, fileState, openSqlite } from '../../electron/db/cipher'
import type { SqliteHandle } from '../../electron/db/cipher'
import { BEFORE_ENCRYPTION_DIR } from '../../electron/db/encrypt-upgrade'
import { AppError } from '../../electron/errors'
import { DATABASE_FILE } from '../../electron/paths'
import { readSidecar } from '../../electron/services/backup/format'
import { HallKeyMissingError } from '../../electron/services/keys/hall-secret'
import { fileKeyStore } from '../../electron/services/keys/key-store'
import { ADMIN, addUser, fakeClock, ok, tempDir, testCore, validIntake } from './helpers'

const ID_NUMBER = '420106196503120311'
const NAME = '吕建国'
const PHONE = '13700002222'
const FACTS = '小区排水系统堵塞'

let dir: ReturnType<typeof tempDir>
let data: string
let backups: string
let core: Core
let recoveryKey: string

beforeEach(async () => {
  dir = tempDir()
  data = join(dir.dir, 'data')
  backups = join(dir.dir, 'backups')
  core = await testCore(data, fakeClock(), { keyStore: fileKeyStore(data, {}) })
  const setup = await ok(core, 'admin', 'app.setup', { hallName: '武汉市信访局接待大厅', hallCode: 'WH', admin: ADMIN, backupFolder: backups })
  recoveryKey = setup.recoveryKey
  // The hall lets its administrator read the trail, so that 校验 can be asked below.
  core.connection.raw.exec('UPDATE hall SET admin_reads_audit = 1')
  await addUser(core, 'r1', 'receptionist', 'R001')
  for (let i = 0; i < 3; i++) await ok(core, 'r1', 'intake.register', validIntake(ID_NUMBER))
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

/** The personal data registered above, as the bytes a file would hold it in if it were plain. */
const NEEDLES = [ID_NUMBER, NAME, PHONE, FACTS, '武汉市信访局接待大厅'].map((text) => Buffer.from(text, 'utf8'))

function plainTextIn(path: string): string[] {
  const bytes = readFileSync(path)
  return NEEDLES.filter((needle) => bytes.includes(needle)).map((needle) => `${path}: ${needle.toString('utf8')}`)
}

/** Every file under `folder`, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
}

function counts(raw: SqliteHandle): Record<string, number> {
  const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]
  return Object.fromEntries(tables.map((t) => [t, raw.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]))
}

function rowsOf(raw: SqliteHandle, table: string): unknown[] {
  return raw.prepare(`SELECT * FROM ${table} ORDER BY id`).all()
}

/** What the app before encryption left: the same file, unencrypted (the key file was there already). */
function decrypt(path: string, key: Buffer | null): void {
  const raw = openSqlite(path, key)
  raw.pragma('journal_mode = DELETE')
  raw.pragma(`rekey = ''`)
  raw.close()
}

describe('the database, its WAL and its backups are encrypted', () => {
  it('hold no ID number, name, phone, grievance or hall name in plain text', async () => {
    const file = join(data, DATABASE_FILE)
    // The registrations are still in the WAL (checkpoints run between registrations, not here).
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0)
    const backup = await ok(core, 'admin', 'backup.now', {})
    for (const path of [file, `${file}-wal`, backup.path]) {
      expect(readFileSync(path).subarray(0, 16).toString('latin1'), path).not.toBe(SQLITE_MAGIC)
      expect(plainTextIn(path)).toEqual([])
    }
    // Folded into the file at close: still nothing readable in any file of the data folder.
    await core.close()
    expect(filesUnder(data).flatMap(plainTextIn)).toEqual([])
    core = await testCore(data, fakeClock(), { keyStore: fileKeyStore(data, {}) })
  })

  it('a backup restores on a second data folder only with the recovery key', async () => {
    const backup = await ok(core, 'admin', 'backup.now', {})
    const other = tempDir()
    try {
      // Another PC: the backup put in place as the database, and no key.
      copyFileSync(backup.path, join(other.dir, DATABASE_FILE))
      await expect(testCore(other.dir, fakeClock(), { keyStore: fileKeyStore(other.dir, {}) })).rejects.toBeInstanceOf(HallKeyMissingError)
      // Nor does another hall's key open it.
      const elsewhere = tempDir()
      try {
        const second = await testCore(elsewhere.dir, fakeClock(), { keyStore: fileKeyStore(elsewhere.dir, {}) })
        await ok(second, 'admin', 'app.setup', { hallName: '另一个大厅', hallCode: 'ZZ', admin: ADMIN })
        const refused = await restoreAndReopen(second, { dataDir: elsewhere.dir, keyStore: fileKeyStore(elsewhere.dir, {}), scryptN: 2 ** 10 }, backup.path, 1).then(
          () => null,
          (error: unknown) => error,
        )
        expect(refused).toBeInstanceOf(AppError)
        expect((refused as AppError).key).toBe('e.BACKUP_NOT_DB')
        await second.close()
      } finally {
        elsewhere.remove()
      }

      // With the recovery key shown at setup, the hall opens there whole.
      const restored = await testCore(other.dir, fakeClock(), { keyStore: fileKeyStore(other.dir, { INTAKE_DESK_KEY: recoveryKey }) })
      try {
        await ok(restored, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
        expect(restored.connection.raw.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(3)
        expect(await ok(restored, 'admin', 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenId: null })
      } finally {
        await restored.close()
      }
    } finally {
      other.remove()
    }
  })
})

describe('the first start after the upgrade', () => {
  it('encrypts a plain database in place, keeps every record, and leaves no plain copy', async () => {
    const file = join(data, DATABASE_FILE)
    const backup = await ok(core, 'admin', 'backup.now', {})
    const key = core.connection.key
    await core.close()
    // The hall as the version before left it: plain database, a plain backup (with its sidecar).
    decrypt(file, key)
    decrypt(backup.path, key)
    const sidecar = readSidecar(backup.path)
    if (sidecar === null) throw new Error('no sidecar')
    expect(fileState(file)).toBe('plain')
    expect(plainTextIn(file).length).toBeGreaterThan(0)
    const plain = openSqlite(file, null, { readonly: true })
    const before = { counts: counts(plain), visits: rowsOf(plain, 'visits'), visitors: rowsOf(plain, 'visitors'), audit: rowsOf(plain, 'audit_log') }
    plain.close()

    const lines: string[] = []
    core = await testCore(data, fakeClock(), { keyStore: fileKeyStore(data, {}), log: (line) => lines.push(line) })
    expect(lines.some((line) => line.includes('2/4'))).toBe(true)
    expect(lines.some((line) => line.includes(backup.fileName))).toBe(true)

    // Every record is there, and the trail still verifies.
    const raw = core.connection.raw
    expect(counts(raw)).toEqual(before.counts)
    expect(rowsOf(raw, 'visits')).toEqual(before.visits)
    expect(rowsOf(raw, 'visitors')).toEqual(before.visitors)
    expect(rowsOf(raw, 'audit_log')).toEqual(before.audit)
    await ok(core, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
    expect(await ok(core, 'admin', 'audit.verify', {})).toMatchObject({ ok: true })

    // The copy set aside before encrypting is kept, encrypted with the same key.
    const copy = join(data, BEFORE_ENCRYPTION_DIR, DATABASE_FILE)
    expect(fileState(copy)).toBe('encrypted')
    const aside = openSqlite(copy, core.connection.key, { readonly: true })
    expect(counts(aside)).toEqual(before.counts)
    aside.close()
    expect(statSync(join(data, BEFORE_ENCRYPTION_DIR)).mode & 0o777).toBe(0o700)
    expect(statSync(copy).mode & 0o777).toBe(0o600)

    // The old backup is encrypted too, its record rewritten, and it still restores.
    expect(fileState(backup.path)).toBe('encrypted')
    const [listed] = await ok(core, 'admin', 'backup.list', {})
    expect(listed).toMatchObject({ fileName: backup.fileName, hashMatches: true, schemaVersion: sidecar.schemaVersion })

    for (const folder of [data, backups]) expect(filesUnder(folder).flatMap(plainTextIn)).toEqual([])
    expect(existsSync(`${file}.restoring`)).toBe(false)
  })

  it('finishes an upgrade cut short after the database was encrypted but not its copy', async () => {
    const file = join(data, DATABASE_FILE)
    const key = core.connection.key
    await core.close()
    decrypt(file, key)
    core = await testCore(data, fakeClock(), { keyStore: fileKeyStore(data, {}), log: () => undefined })
    await core.close()
    const copy = join(data, BEFORE_ENCRYPTION_DIR, DATABASE_FILE)
    // As if the start had stopped before step 4: the copy still plain.
    decrypt(copy, key)
    expect(fileState(copy)).toBe('plain')
    core = await testCore(data, fakeClock(), { keyStore: fileKeyStore(data, {}), log: () => undefined })
    expect(fileState(copy)).toBe('encrypted')
    expect(filesUnder(data).flatMap(plainTextIn)).toEqual([])
  })
})
