import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../electron/paths'
import { openConnection } from '../../electron/db/connection'
import { migrate } from '../../electron/db/migrate'
import { MIGRATIONS } from '../../electron/db/migrations'
import * as m0012 from '../../electron/db/migrations/0012-security2'
import { fileKeyStore } from '../../electron/services/keys/key-store'
import { ok, tempDir, testCore } from './helpers'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

describe('migration 0012 (audit anchors)', () => {
  it('adds an empty anchor table and leaves a trail from before the key as it was, and checkable', async () => {
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(m0012))
    const connection = openConnection(join(dir.dir, DATABASE_FILE), null)
    await migrate(connection.db, before)
    // A trail written by the version before: one plain SHA-256 row (keyed = 0).
    const prev = '0'.repeat(64)
    const at = '2026-11-01T01:00:00.000Z'
    const hash = createHash('sha256').update(JSON.stringify([prev, at, null, 'hall.setup', 'hall', '1', '{}'])).digest('hex')
    connection.raw
      .prepare(`INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, NULL, 'hall.setup', 'hall', '1', '{}', ?, ?)`)
      .run(at, prev, hash)
    await migrate(connection.db)
    expect(connection.raw.prepare('SELECT count(*) FROM audit_anchors').pluck().get()).toBe(0)
    expect(connection.raw.prepare('SELECT at, action, hash, keyed FROM audit_log').all()).toEqual([{ at, action: 'hall.setup', hash, keyed: 0 }])
    await connection.close()

    // The first start after the upgrade makes the key; the old row stays plain and holds.
    const core = await testCore(dir.dir, undefined, { keyStore: fileKeyStore(dir.dir, {}) })
    try {
      expect(fileKeyStore(dir.dir, {}).load()?.plainAuditRows).toBe(1)
      await ok(core, 'admin', 'app.setup', {
        hallName: '武汉市信访局接待大厅',
        hallCode: 'WH',
        admin: { badgeNo: 'A001', name: '周建华', position: '大厅主任', password: 'Admin2026pass', confirmPassword: 'Admin2026pass' },
      })
      core.connection.raw.exec('UPDATE hall SET admin_reads_audit = 1')
      expect(await ok(core, 'admin', 'audit.verify', {})).toEqual({ ok: true, checked: 2, firstBrokenId: null, cutAtEnd: null })
    } finally {
      await core.close()
    }
  })
})
