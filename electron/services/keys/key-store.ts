import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writePrivateFile } from '../../private-file'

/**
 * The hall's secret, kept outside the database: the audit chain's HMAC key and the SQLite file's
 * key are derived from it (electron/services/keys/hall-secret.ts). `plainAuditRows` is how many
 * rows the trail held, unkeyed, when the secret was made (rows from before migration 0008): only
 * those may be unkeyed.
 */
export interface HallSecret {
  secret: Buffer
  plainAuditRows: number
}

/** Where the secret is kept: the operating system's store in the app, a 0600 file or the environment on the browser host. */
export interface KeyStore {
  load(): HallSecret | null
  save(secret: HallSecret): void
}

export const SECRET_BYTES = 32
/** The browser host's key file in the data folder (mode 0600). */
export const KEY_FILE = 'intake-desk.key'
/** The app's key file: the same JSON, encrypted by the operating system (Electron safeStorage). */
export const OS_KEY_FILE = 'intake-desk.key.os'
/** The browser host may take the secret from the environment instead, as its 恢复密钥 (recovery key). */
export const KEY_ENV = 'INTAKE_DESK_KEY'

export function newSecret(plainAuditRows: number): HallSecret {
  return { secret: randomBytes(SECRET_BYTES), plainAuditRows }
}

// Crockford's base32: no I, L, O, U, so a key read aloud or copied by hand is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CHECK_BYTES = 2

/** The 恢复密钥 (recovery key) for a secret: base32 in groups of five, with a two-byte check. */
export function recoveryKeyOf(secret: Buffer): string {
  const check = createHash('sha256').update(secret).digest().subarray(0, CHECK_BYTES)
  const bytes = Buffer.concat([secret, check])
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out.match(/.{1,5}/g)?.join('-') ?? out
}

/** The secret a recovery key stands for, or null when it is not one (a typo fails the check). */
export function secretFromRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  let bits = 0
  let value = 0
  const bytes: number[] = []
  for (const ch of clean) {
    const digit = ALPHABET.indexOf(ch)
    if (digit < 0) return null
    value = (value << 5) | digit
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
    value &= (1 << bits) - 1
  }
  if (bytes.length !== SECRET_BYTES + CHECK_BYTES) return null
  const all = Buffer.from(bytes)
  const secret = all.subarray(0, SECRET_BYTES)
  const check = createHash('sha256').update(secret).digest().subarray(0, CHECK_BYTES)
  return check.equals(all.subarray(SECRET_BYTES)) ? Buffer.from(secret) : null
}

function encode(s: HallSecret): string {
  return `${JSON.stringify({ version: 1, secret: s.secret.toString('base64'), plainAuditRows: s.plainAuditRows })}\n`
}

function decode(text: string, where: string): HallSecret {
  const parsed = JSON.parse(text) as { version?: unknown; secret?: unknown; plainAuditRows?: unknown }
  const secret = typeof parsed.secret === 'string' ? Buffer.from(parsed.secret, 'base64') : Buffer.alloc(0)
  const rows = parsed.plainAuditRows
  if (parsed.version !== 1 || secret.length !== SECRET_BYTES || typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0) {
    throw new Error(`${where} is not an Intake Desk key file`)
  }
  return { secret, plainAuditRows: rows }
}

/**
 * The browser host's store: the recovery key in INTAKE_DESK_KEY when set (nothing is written
 * then), else a 0600 JSON file in the data folder.
 */
export function fileKeyStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyStore {
  const file = join(dataDir, KEY_FILE)
  const fromEnv = env[KEY_ENV]
  return {
    load() {
      if (fromEnv !== undefined && fromEnv !== '') {
        const secret = secretFromRecoveryKey(fromEnv)
        if (secret === null) throw new Error(`${KEY_ENV} is not a valid recovery key`)
        // Rows from before the key are only those the key file said; without it, none.
        const saved = existsSync(file) ? decode(readFileSync(file, 'utf8'), file) : null
        return { secret, plainAuditRows: saved?.secret.equals(secret) === true ? saved.plainAuditRows : 0 }
      }
      return existsSync(file) ? decode(readFileSync(file, 'utf8'), file) : null
    },
    save(secret) {
      if (fromEnv !== undefined && fromEnv !== '') return
      writePrivateFile(file, encode(secret))
    },
  }
}

/** The part of Electron's safeStorage the app's store uses (only main.ts imports electron). */
export interface OsCipher {
  isEncryptionAvailable(): boolean
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

/**
 * The app's store: the same JSON, encrypted by the operating system (DPAPI, Keychain, libsecret)
 * in a 0600 file, so the file copied to another account or PC opens nothing. Where the system
 * has no store the browser host's file is used. A recovery key in INTAKE_DESK_KEY (a hall's
 * database brought to this PC) takes the place of what the store held, and is kept there, so
 * the next start needs it no more.
 */
export function osKeyStore(dataDir: string, cipher: OsCipher, env: NodeJS.ProcessEnv = process.env): KeyStore {
  if (!cipher.isEncryptionAvailable()) return fileKeyStore(dataDir, env)
  const file = join(dataDir, OS_KEY_FILE)
  const save = (secret: HallSecret) => writePrivateFile(file, cipher.encryptString(encode(secret)))
  const stored = () => (existsSync(file) ? decode(cipher.decryptString(readFileSync(file)), file) : null)
  return {
    load() {
      const fromEnv = env[KEY_ENV]
      if (fromEnv === undefined || fromEnv === '') return stored()
      const secret = secretFromRecoveryKey(fromEnv)
      if (secret === null) throw new Error(`${KEY_ENV} is not a valid recovery key`)
      const saved = stored()
      if (saved?.secret.equals(secret) === true) return saved
      const given = { secret, plainAuditRows: 0 }
      save(given)
      return given
    },
    save,
  }
}
