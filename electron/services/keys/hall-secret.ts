import { hkdfSync } from 'node:crypto'
import { DATABASE_KEY_BYTES } from '../../db/cipher'
import type { HallSecret, KeyStore } from './key-store'
import { fileKeyStore, newSecret } from './key-store'

/** The audit trail holds keyed rows, or the database is encrypted, but the hall's secret is not on this PC. */
export class HallKeyMissingError extends Error {
  constructor() {
    super('The hall key is missing: start with the recovery key (INTAKE_DESK_KEY) to open this database')
    this.name = 'HallKeyMissingError'
  }
}

/** The audit rows already in the trail: written before any key (plain) and with one (keyed). */
export interface TrailRows {
  plain: number
  keyed: number
}

/**
 * The hall's secret from the store, made at the first start: the rows already in the trail then
 * (from before any key) are the only ones that stay unkeyed. A trail with keyed rows and no
 * secret is refused: a new secret would make every one of them look forged. `trail` is asked
 * only when the store has none; it throws HallKeyMissingError for a database it cannot read
 * without the secret (an encrypted SQLite file).
 */
export async function loadHallSecret(store: KeyStore, trail: () => Promise<TrailRows> | TrailRows): Promise<HallSecret> {
  const saved = store.load()
  if (saved !== null) return saved
  const { plain, keyed } = await trail()
  if (keyed > 0) throw new HallKeyMissingError()
  const secret = newSecret(plain)
  store.save(secret)
  return secret
}

/** The SQLite file's key (electron/db/cipher.ts), derived apart from the audit chain's: neither gives the other. */
export function databaseKeyOf(secret: HallSecret): Buffer {
  return Buffer.from(hkdfSync('sha256', secret.secret, Buffer.alloc(0), 'intake-desk database key v1', DATABASE_KEY_BYTES))
}

/** The key of the SQLite file in `dataDir` as the browser host finds it (for tools, tests and the bench); null without a secret. */
export function databaseKeyIn(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const secret = fileKeyStore(dataDir, env).load()
  return secret === null ? null : databaseKeyOf(secret)
}
