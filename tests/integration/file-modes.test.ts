import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { DATABASE_FILE } from '../../electron/paths'
import type { Host } from '../../electron/host/server'
import { startHost } from '../../electron/host/server'
import { BACKUP_STATE_FILE } from '../../electron/services/backup/backup'
import { KEY_FILE } from '../../electron/services/keys/key-store'
import { DOWNLOAD_TTL_MS, EXPORTS_DIR } from '../../electron/services/reports/exports'
import type { ExportJob } from '../../shared/reports/types'
import { addUser, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'

// With no umask, a file created without an explicit mode is 0666 and a folder 0777: whatever is
// owner-only below is so because the app made it so, not because of this machine's defaults.
let umask: number
beforeAll(() => {
  umask = process.umask(0)
})
afterAll(() => {
  process.umask(umask)
})

let dir: ReturnType<typeof tempDir>
let data: string
let core: Core & { clock: FakeClock }

beforeEach(async () => {
  dir = tempDir()
  data = join(dir.dir, 'data')
  core = await testCore(data)
  await setUpHall(core)
  await addUser(core, 'desk', 'receptionist', 'R001')
  await ok(core, 'desk', 'intake.register', validIntake())
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

const mode = (path: string) => statSync(path).mode & 0o777

async function finishedExport(session: string, format: 'csv' | 'xlsx'): Promise<ExportJob> {
  let job = await ok(core, session, 'reports.export', { kind: 'log', format, from: '2026-11-22', to: '2026-11-22' })
  while (job.status === 'running') {
    await new Promise<void>((resolve) => setImmediate(resolve))
    job = await ok(core, session, 'reports.job', { id: job.id })
  }
  expect(job.status, job.error ?? '').toBe('done')
  return job
}

describe('files are readable by their owner only', () => {
  it('after setup: the data folder 0700; the database, its WAL and shared memory, and the key file 0600', () => {
    const db = join(data, DATABASE_FILE)
    expect(mode(data)).toBe(0o700)
    for (const file of [db, `${db}-wal`, `${db}-shm`, join(data, KEY_FILE)]) {
      expect(existsSync(file), file).toBe(true)
      expect(mode(file), file).toBe(0o600)
    }
  })

  it('an existing data folder and database opened with looser modes are put right at start', async () => {
    await core.close()
    const db = join(data, DATABASE_FILE)
    chmodSync(data, 0o755)
    chmodSync(db, 0o644)
    core = await testCore(data)
    expect(mode(data)).toBe(0o700)
    expect(mode(db)).toBe(0o600)
  })

  it('a backup, its record beside it and the last-backup note: 0600; a folder it makes: 0700', async () => {
    const folder = join(dir.dir, 'backups')
    core.connection.raw.prepare('UPDATE hall SET backup_folder = ?').run(folder)
    const backup = await ok(core, 'admin', 'backup.now', {})
    expect(mode(folder)).toBe(0o700)
    expect(mode(backup.path)).toBe(0o600)
    expect(mode(`${backup.path}.json`)).toBe(0o600)
    expect(mode(join(data, BACKUP_STATE_FILE))).toBe(0o600)
  })

  it('an export is written in the data folder (0700), as a 0600 file, never in the temporary folder', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const job = await finishedExport('admin', format)
      const file = core.exports.take('admin', job.id)
      if (file === null) throw new Error('no export file')
      expect(file.path.startsWith(join(data, EXPORTS_DIR))).toBe(true)
      expect(file.path.startsWith(tmpdir() + '/intake-desk-exports')).toBe(false)
      expect(mode(join(data, EXPORTS_DIR))).toBe(0o700)
      expect(mode(file.path)).toBe(0o600)
      file.done()
      expect(existsSync(file.path)).toBe(false)
    }
  })

  it('exports left behind by a crash are removed at the next start', async () => {
    const job = await finishedExport('admin', 'csv')
    const left = core.exports.take('admin', job.id)?.path ?? ''
    expect(existsSync(left)).toBe(true)
    // A crash: the process ends without closing the core, so nothing cleans up.
    const stray = join(data, EXPORTS_DIR, 'aaaaaaaaaaaaaaaaaaaaaaaa.csv')
    mkdirSync(join(data, EXPORTS_DIR), { recursive: true })
    writeFileSync(stray, 'x')
    const second = await testCore(data)
    try {
      expect(existsSync(left)).toBe(false)
      expect(existsSync(stray)).toBe(false)
    } finally {
      await second.close()
    }
  })
})

describe('the browser host’s download of an export', () => {
  let host: Host
  const TOKEN = 'download-test-token-0123456789'
  const A = 'session-aaaaaaaaaaaaaaaa'
  const B = 'session-bbbbbbbbbbbbbbbb'

  beforeEach(async () => {
    host = await startHost({
      dispatch: core.dispatch,
      download: (sessionKey, id) => core.exports.take(sessionKey, id),
      staticDir: dir.dir,
      port: 0,
      token: TOKEN,
    })
    // Session A is the administrator, signed in over HTTP.
    await ok(core, `http:${A}`, 'auth.signIn', { badgeNo: 'A001', password: 'Admin2026pass' })
    await ok(core, `http:${B}`, 'auth.signIn', { badgeNo: 'A001', password: 'Admin2026pass' })
  })
  afterEach(async () => {
    await host.close()
  })

  const get = (path: string, session: string) =>
    fetch(`http://127.0.0.1:${host.port}${path}`, { headers: { 'X-Intake-Token': TOKEN, 'X-Intake-Session': session } })

  it('belongs to the session that made it and works once', async () => {
    const job = await finishedExport(`http:${A}`, 'csv')
    expect(job.download).toBe(`/download/${job.id}`)
    // The same administrator in another tab (another session) gets nothing, and neither does
    // a request without the token.
    expect((await get(job.download ?? '', B)).status).toBe(404)
    expect((await fetch(`http://127.0.0.1:${host.port}${job.download}`, { headers: { 'X-Intake-Session': A } })).status).toBe(403)
    const first = await get(job.download ?? '', A)
    expect(first.status).toBe(200)
    expect(await first.text()).toContain('序号')
    expect((await get(job.download ?? '', A)).status).toBe(404)
    expect(readdirExports()).toEqual([])
  })

  it('expires ten minutes after the export finished, and its file goes', async () => {
    const job = await finishedExport(`http:${A}`, 'csv')
    core.clock.advance(DOWNLOAD_TTL_MS + 1000)
    expect((await get(job.download ?? '', A)).status).toBe(404)
    expect(readdirExports()).toEqual([])
  })

  it('still works within the ten minutes', async () => {
    const job = await finishedExport(`http:${A}`, 'csv')
    core.clock.advance(DOWNLOAD_TTL_MS - 1000)
    expect((await get(job.download ?? '', A)).status).toBe(200)
  })
})

function readdirExports(): string[] {
  const folder = join(data, EXPORTS_DIR)
  return existsSync(folder) ? readdirSync(folder) : []
}
