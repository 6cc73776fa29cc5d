import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { DATABASE_FILE } from '../../electron/paths'
import { openSqlite } from '../../electron/db/cipher'
import { auditKeyOf } from '../../electron/services/audit/audit'
import { HallKeyMissingError } from '../../electron/services/keys/hall-secret'
import { KEY_FILE, fileKeyStore, recoveryKeyOf, secretFromRecoveryKey } from '../../electron/services/keys/key-store'
import { addUser, ok, setUpHall, tempDir, testCore, type FakeClock } from './helpers'

let dir: ReturnType<typeof tempDir>
let other: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }

beforeEach(async () => {
  dir = tempDir()
  other = tempDir()
  core = await testCore(dir.dir, undefined, { keyStore: fileKeyStore(dir.dir, {}) })
  await setUpHall(core)
  core.connection.raw.exec('UPDATE hall SET admin_reads_audit = 1')
  await addUser(core, 'desk', 'receptionist', 'R001')
  await ok(core, 'desk', 'auth.lock', {})
  await ok(core, 'desk', 'auth.unlock', { password: 'Mine2026pass' })
})
afterEach(async () => {
  await core.close()
  dir.remove()
  other.remove()
})

type Row = { id: number; at: string; user_id: number | null; action: string; entity: string | null; entity_id: string | null; detail: string }

/**
 * What someone with the database file can do without the key: change rows and recompute every
 * hash after them with SHA-256, the function the chain used before it was keyed.
 */
function rehashPlain(raw: BetterSqlite3.Database, keyed: 0 | 1): void {
  let prev = '0'.repeat(64)
  const rows = raw.prepare('SELECT id, at, user_id, action, entity, entity_id, detail FROM audit_log ORDER BY id').all() as Row[]
  const update = raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, keyed = ? WHERE id = ?')
  for (const r of rows) {
    const hash = createHash('sha256')
      .update(JSON.stringify([prev, r.at, r.user_id, r.action, r.entity, r.entity_id, r.detail]))
      .digest('hex')
    update.run(prev, hash, keyed, r.id)
    prev = hash
  }
}

function dropGuards(raw: BetterSqlite3.Database): void {
  raw.exec('DROP TRIGGER audit_log_no_update')
  raw.exec('DROP TRIGGER audit_log_no_delete')
}

describe('the keyed audit chain', () => {
  it('finds a row changed by someone who recomputed the whole chain without the key', async () => {
    const raw = core.connection.raw
    dropGuards(raw)
    const firstSignIn = raw.prepare(`SELECT min(id) FROM audit_log WHERE action = 'auth.unlock'`).pluck().get() as number
    raw.prepare(`UPDATE audit_log SET user_id = 1 WHERE id = ?`).run(firstSignIn)
    rehashPlain(raw, 1)
    // Every link holds as SHA-256; none holds as the hall's HMAC, so the first row is already wrong.
    const result = await ok(core, 'admin', 'audit.verify', {})
    expect(result).toMatchObject({ ok: false, checked: 1, firstBrokenId: 1 })
  })

  it('does not take rows marked as written before the key (keyed = 0) from someone who recomputed them', async () => {
    const raw = core.connection.raw
    dropGuards(raw)
    rehashPlain(raw, 0)
    expect(await ok(core, 'admin', 'audit.verify', {})).toMatchObject({ ok: false, checked: 1, firstBrokenId: 1 })
  })

  it('keeps the key out of the database: a 0600 file in the data folder holds it', () => {
    const file = join(dir.dir, KEY_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const saved = fileKeyStore(dir.dir, {}).load()
    expect(saved).not.toBeNull()
    const secret = saved?.secret ?? Buffer.alloc(0)
    const key = auditKeyOf({ secret, plainAuditRows: 0 }).key
    core.connection.raw.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = readFileSync(join(dir.dir, DATABASE_FILE))
    for (const needle of [secret, key, Buffer.from(secret.toString('hex')), Buffer.from(key.toString('hex')), Buffer.from(secret.toString('base64'))]) {
      expect(bytes.includes(needle)).toBe(false)
    }
  })

  it('opens a copy of the database on another PC only with the recovery key, and the chain holds there', async () => {
    const recovery = recoveryKeyOf(fileKeyStore(dir.dir, {}).load()?.secret ?? Buffer.alloc(0))
    await core.close()
    copyFileSync(join(dir.dir, DATABASE_FILE), join(other.dir, DATABASE_FILE))
    expect(existsSync(join(other.dir, KEY_FILE))).toBe(false)

    // Without the key the trail's rows could not be checked, and a new key would make them all look forged.
    await expect(testCore(other.dir, undefined, { keyStore: fileKeyStore(other.dir, {}) })).rejects.toBeInstanceOf(HallKeyMissingError)
    // A mistyped recovery key is refused by its check digits.
    const typo = recovery.slice(0, 3) + (recovery[3] === 'A' ? 'B' : 'A') + recovery.slice(4)
    expect(secretFromRecoveryKey(typo)).toBeNull()

    const restored = await testCore(other.dir, undefined, { keyStore: fileKeyStore(other.dir, { INTAKE_DESK_KEY: recovery.toLowerCase() }) })
    try {
      await ok(restored, 'admin', 'auth.signIn', { badgeNo: 'A001', password: 'Admin2026pass' })
      expect(await ok(restored, 'admin', 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenId: null, cutAtEnd: null })
    } finally {
      await restored.close()
    }
    core = await testCore(dir.dir, undefined, { keyStore: fileKeyStore(dir.dir, {}) })
  })

  it('accepts the plain rows from before the key, and keys every row after them', async () => {
    // A trail from before the upgrade: plain SHA-256 rows, and no key yet.
    const raw = core.connection.raw
    dropGuards(raw)
    rehashPlain(raw, 0)
    const plainRows = raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    const key = core.connection.key
    await core.close()
    // From before the upgrade the file was not encrypted either.
    const file = openSqlite(join(dir.dir, DATABASE_FILE), key)
    file.pragma('journal_mode = DELETE')
    file.pragma(`rekey = ''`)
    file.close()
    rmSync(join(dir.dir, KEY_FILE))

    core = await testCore(dir.dir, undefined, { keyStore: fileKeyStore(dir.dir, {}) })
    expect(fileKeyStore(dir.dir, {}).load()?.plainAuditRows).toBe(plainRows)
    await ok(core, 'admin', 'auth.signIn', { badgeNo: 'A001', password: 'Admin2026pass' })
    expect(await ok(core, 'admin', 'audit.verify', {})).toMatchObject({ ok: true, checked: plainRows + 1 })
    const keyed = core.connection.raw.prepare('SELECT keyed FROM audit_log WHERE id > ? ORDER BY id').pluck().all(plainRows)
    expect(keyed.length).toBeGreaterThan(0)
    expect(new Set(keyed)).toEqual(new Set([1]))

    // A plain row added after the key (what a forger without it would write) breaks the chain there.
    const last = core.connection.raw.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string }
    const at = core.clock().toISOString()
    const detail = '{}'
    const hash = createHash('sha256').update(JSON.stringify([last.hash, at, 1, 'auth.signOut', null, null, detail])).digest('hex')
    core.connection.raw
      .prepare('INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail, prev_hash, hash, keyed) VALUES (?, 1, ?, NULL, NULL, ?, ?, ?, 0)')
      .run(at, 'auth.signOut', detail, last.hash, hash)
    expect(await ok(core, 'admin', 'audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: last.id + 1 })
  })
})
