import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseKeyOf } from '../../electron/services/keys/hall-secret'
import type { OsCipher } from '../../electron/services/keys/key-store'
import { OS_KEY_FILE, newSecret, osKeyStore, recoveryKeyOf } from '../../electron/services/keys/key-store'
import { auditKeyOf } from '../../electron/services/audit/audit'

/** A stand-in for safeStorage: reversible, and visibly not the plain text. */
const cipher: OsCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
  decryptString: (data) => Buffer.from(data).reverse().toString('utf8'),
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'intake-desk-keys-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('the app’s key store', () => {
  it('keeps the secret encrypted by the system in a 0600 file', () => {
    const secret = newSecret(3)
    osKeyStore(dir, cipher, {}).save(secret)
    const file = join(dir, OS_KEY_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file).includes(Buffer.from(secret.secret.toString('base64')))).toBe(false)
    expect(osKeyStore(dir, cipher, {}).load()).toEqual(secret)
  })

  it('takes a recovery key from INTAKE_DESK_KEY in place of what it held, and keeps it for the next start', () => {
    osKeyStore(dir, cipher, {}).save(newSecret(0))
    const brought = newSecret(0)
    const loaded = osKeyStore(dir, cipher, { INTAKE_DESK_KEY: recoveryKeyOf(brought.secret) }).load()
    expect(loaded?.secret.equals(brought.secret)).toBe(true)
    expect(osKeyStore(dir, cipher, {}).load()?.secret.equals(brought.secret)).toBe(true)
    expect(() => osKeyStore(dir, cipher, { INTAKE_DESK_KEY: 'not-a-key' }).load()).toThrow(/INTAKE_DESK_KEY/)
  })

  it('without a system store, falls back to the browser host’s file', () => {
    const store = osKeyStore(dir, { ...cipher, isEncryptionAvailable: () => false }, {})
    store.save(newSecret(0))
    expect(existsSync(join(dir, OS_KEY_FILE))).toBe(false)
    expect(store.load()).not.toBeNull()
  })
})

describe('the keys derived from the hall’s secret', () => {
  it('differ for the database and the audit chain, and are 32 bytes', () => {
    const secret = newSecret(0)
    const database = databaseKeyOf(secret)
    expect(database).toHaveLength(32)
    expect(database.equals(auditKeyOf(secret).key)).toBe(false)
    expect(database.equals(secret.secret)).toBe(false)
    expect(databaseKeyOf({ ...secret, plainAuditRows: 7 }).equals(database)).toBe(true)
  })
})
