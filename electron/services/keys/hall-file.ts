/**
 * The hall's SQLite files opened with the key derived from its secret: the secret comes first
 * (from the store, or made for a new file or one from before encryption), then the file is
 * encrypted in place if it is still plain (electron/db/encrypt-upgrade.ts) and opened.
 */
import type { Connection } from '../../db/connection'
import { openConnection } from '../../db/connection'
import { DatabaseKeyError, fileState } from '../../db/cipher'
import { encryptInPlace, plainTrailRows } from '../../db/encrypt-upgrade'
import type { TrailRows } from './hall-secret'
import { HallKeyMissingError, databaseKeyOf, loadHallSecret } from './hall-secret'
import type { HallSecret, KeyStore } from './key-store'

/** The audit rows of the file before the secret is known: none in a new file; an encrypted one needs the secret. */
function trailOfFile(file: string): TrailRows {
  const state = fileState(file)
  if (state === 'encrypted') throw new HallKeyMissingError()
  return state === 'new' ? { plain: 0, keyed: 0 } : plainTrailRows(file)
}

/**
 * Opens a SQLite file of the hall encrypted with the key derived from `secret`, a plain one
 * encrypted in place first. A file the key does not open means this PC holds another hall's key.
 */
export function openEncrypted(file: string, secret: HallSecret, log: (line: string) => void): Connection {
  const key = databaseKeyOf(secret)
  encryptInPlace(file, key, log)
  try {
    return openConnection(file, key)
  } catch (error) {
    if (error instanceof DatabaseKeyError) throw new HallKeyMissingError()
    throw error
  }
}

/** The single desk's database: the hall's secret from `store` (made at the first start), and the file opened with its key. */
export async function openHallFile(file: string, store: KeyStore, log: (line: string) => void): Promise<{ connection: Connection; secret: HallSecret }> {
  const secret = await loadHallSecret(store, () => trailOfFile(file))
  return { connection: openEncrypted(file, secret, log), secret }
}
