import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HallConnectionFileError, fileHallConnectionStore, osHallConnectionStore, savedHallDatabase } from '../../electron/services/hall-connection/store'
import type { OsCipher } from '../../electron/services/keys/key-store'
import { hallConnectionFieldsSchema, hallConnectionUrl } from '../../shared/hall-connection/schemas'
import type { HallConnection } from '../../shared/hall-connection/schemas'
import { connectionWithoutPassword } from '../../shared/backup/hall-commands'
import { splitPassword } from '../../electron/services/backup/pg-dump'

const dirs: string[] = []
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-desk-conn-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const PASSWORD = 'Pa:ss@w/rd-秘密'
const HALL: HallConnection = { mode: 'hall', fields: { host: 'db-host', port: 5432, database: 'intake_desk', user: 'intake_desk', password: PASSWORD, tls: 'verify-full', caFile: '/etc/ssl/hall-ca.pem' } }

/** A stand-in for Electron's safeStorage: reversible, and visibly not the plain text. */
const fakeSafeStorage = (available = true): OsCipher & { used: number } => {
  const cipher = {
    used: 0,
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => {
      cipher.used += 1
      return Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a))
    },
    decryptString: (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
  }
  return cipher
}

/** Every byte the store left in the folder. */
const everything = (dir: string) => Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))))

describe('the hall connection’s fields', () => {
  it('make the URL the pool and pg_dump use, the password escaped and TLS in libpq’s meaning', () => {
    const fields = hallConnectionFieldsSchema.parse({ ...HALL.fields, host: ' db-host ' })
    const url = hallConnectionUrl(fields)
    expect(url).toBe(`postgres://intake_desk:${encodeURIComponent(PASSWORD)}@db-host:5432/intake_desk?uselibpqcompat=true&sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fhall-ca.pem`)
    expect(splitPassword(url)).toEqual({ url: 'postgres://intake_desk@db-host:5432/intake_desk?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fhall-ca.pem', password: PASSWORD })
    expect(connectionWithoutPassword(url)).not.toContain('uselibpqcompat')
    expect(hallConnectionUrl({ ...fields, tls: 'require' })).toMatch(/\?uselibpqcompat=true&sslmode=require$/)
    expect(hallConnectionUrl({ ...fields, tls: 'off' })).toMatch(/\/intake_desk$/)
    expect(hallConnectionUrl({ ...fields, host: '::1', tls: 'off' })).toContain('@[::1]:5432/')
  })

  it('refuse verify-full without a CA file, a port out of range and a host with spaces, by field', () => {
    const issues = (input: object) => hallConnectionFieldsSchema.safeParse({ ...HALL.fields, ...input }).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues({ caFile: '' })).toEqual([['caFile', 'v.hallConnection.caFile']])
    expect(issues({ tls: 'require', caFile: '' })).toBeUndefined()
    expect(issues({ port: 70000 })).toEqual([['port', 'v.hallConnection.port']])
    expect(issues({ host: 'db host' })).toEqual([['host', 'v.hallConnection.host']])
    expect(issues({ tls: 'prefer' })).toEqual([['tls', 'v.hallConnection.tls']])
  })
})

describe('the store of the hall connection', () => {
  it('in the app: encrypted by safeStorage, never the password in plain text, owner-only', () => {
    const dir = temp()
    const safe = fakeSafeStorage()
    const store = osHallConnectionStore(dir, safe)
    expect(store.kind).toBe('os')
    expect(store.load()).toBeNull()
    store.save(HALL)
    expect(safe.used).toBe(1)
    expect(everything(dir).includes(Buffer.from('Pa:ss'))).toBe(false)
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600)
    expect(osHallConnectionStore(dir, safe).load()).toEqual(HALL)
    expect(savedHallDatabase(store)).toBe(hallConnectionUrl(HALL.fields))
  })

  it('where the system has no store, and on the browser host: AES-GCM under a key file of its own', () => {
    const dir = temp()
    const store = osHallConnectionStore(dir, fakeSafeStorage(false))
    expect(store.kind).toBe('file')
    store.save(HALL)
    expect(everything(dir).includes(Buffer.from('Pa:ss'))).toBe(false)
    expect(readdirSync(dir).sort()).toEqual(['intake-desk-hall.enc', 'intake-desk-hall.key'])
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600)
    expect(fileHallConnectionStore(dir).load()).toEqual(HALL)
    store.save({ mode: 'single' })
    expect(savedHallDatabase(fileHallConnectionStore(dir))).toBeUndefined()
  })

  it('refuses a changed file or another key rather than guess', () => {
    const dir = temp()
    const store = fileHallConnectionStore(dir)
    store.save(HALL)
    const file = join(dir, 'intake-desk-hall.enc')
    const bytes = readFileSync(file)
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
    writeFileSync(file, bytes)
    expect(() => store.load()).toThrow(HallConnectionFileError)
    store.save(HALL)
    writeFileSync(join(dir, 'intake-desk-hall.key'), Buffer.alloc(32, 7))
    expect(() => fileHallConnectionStore(dir).load()).toThrow(HallConnectionFileError)
  })
})
