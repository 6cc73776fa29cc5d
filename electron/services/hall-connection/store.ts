/**
 * Where the desk keeps its connection to the hall's database, password included, never in plain
 * text: in the app encrypted by the operating system (Electron safeStorage: DPAPI, Keychain,
 * libsecret); on the browser host with AES-256-GCM under a key file of its own (0600) beside it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HallConnection } from '../../../shared/hall-connection/schemas'
import { hallConnectionSchema, hallConnectionUrl } from '../../../shared/hall-connection/schemas'
import type { OsCipher } from '../keys/key-store'
import { writePrivateFile } from '../../private-file'

export interface HallConnectionStore {
  /** The saved connection; null when none was ever saved (the desk then starts as before). */
  load(): HallConnection | null
  save(connection: HallConnection): void
  readonly kind: 'os' | 'file'
}

/** The app's connection file, encrypted by the operating system. */
export const OS_CONNECTION_FILE = 'intake-desk-hall.os'
/** The browser host's: the encrypted connection, and the key that opens it. */
export const CONNECTION_FILE = 'intake-desk-hall.enc'
export const CONNECTION_KEY_FILE = 'intake-desk-hall.key'

/** Not a connection this app wrote, or opened with the wrong key: the desk says so rather than guess. */
export class HallConnectionFileError extends Error {
  constructor(readonly file: string) {
    super(`${file} is not an Intake Desk hall connection, or cannot be decrypted here`)
    this.name = 'HallConnectionFileError'
  }
}

function decode(text: string, file: string): HallConnection {
  try {
    const parsed = hallConnectionSchema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
  } catch {
    // falls through to the refusal
  }
  throw new HallConnectionFileError(file)
}

/** The app's store: safeStorage, or the browser host's file where the system has no store. */
export function osHallConnectionStore(dataDir: string, cipher: OsCipher): HallConnectionStore {
  if (!cipher.isEncryptionAvailable()) return fileHallConnectionStore(dataDir)
  const file = join(dataDir, OS_CONNECTION_FILE)
  return {
    kind: 'os',
    load() {
      if (!existsSync(file)) return null
      let text: string
      try {
        text = cipher.decryptString(readFileSync(file))
      } catch {
        throw new HallConnectionFileError(file)
      }
      return decode(text, file)
    },
    save(connection) {
      writePrivateFile(file, cipher.encryptString(JSON.stringify(connection)))
    },
  }
}

const IV_BYTES = 12
const TAG_BYTES = 16

/** The browser host's store: AES-256-GCM under a random key in its own 0600 file; a changed byte is refused. */
export function fileHallConnectionStore(dataDir: string): HallConnectionStore {
  const file = join(dataDir, CONNECTION_FILE)
  const keyFile = join(dataDir, CONNECTION_KEY_FILE)
  const key = (create: boolean): Buffer | null => {
    if (existsSync(keyFile)) {
      const k = readFileSync(keyFile)
      if (k.length !== 32) throw new HallConnectionFileError(keyFile)
      return k
    }
    if (!create) return null
    const k = randomBytes(32)
    writePrivateFile(keyFile, k)
    return k
  }
  return {
    kind: 'file',
    load() {
      if (!existsSync(file)) return null
      const k = key(false)
      const data = readFileSync(file)
      if (k === null || data.length < IV_BYTES + TAG_BYTES) throw new HallConnectionFileError(file)
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, data.subarray(0, IV_BYTES))
        decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
        const text = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
        return decode(text, file)
      } catch (error) {
        if (error instanceof HallConnectionFileError) throw error
        throw new HallConnectionFileError(file)
      }
    },
    save(connection) {
      const k = key(true) as Buffer
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', k, iv)
      const body = Buffer.concat([cipher.update(JSON.stringify(connection), 'utf8'), cipher.final()])
      writePrivateFile(file, Buffer.concat([iv, cipher.getAuthTag(), body]))
    },
  }
}

/** The hall database a desk starts on from its saved connection; undefined for a single desk or none saved. */
export function savedHallDatabase(store: HallConnectionStore): string | undefined {
  const saved = store.load()
  return saved?.mode === 'hall' ? hallConnectionUrl(saved.fields) : undefined
}
