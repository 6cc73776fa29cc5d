import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { countAuditRows } from '../../db/repositories/audit'
import type { HallSecret, KeyStore } from './key-store'
import { newSecret } from './key-store'

/** The audit trail holds keyed rows but the hall's secret is not on this PC. */
export class HallKeyMissingError extends Error {
  constructor() {
    super('The hall key is missing: start with the recovery key (INTAKE_DESK_KEY) to open this database')
    this.name = 'HallKeyMissingError'
  }
}

/**
 * The hall's secret from the store, made at the first start: the rows already in the trail then
 * (from before any key) are the only ones that stay unkeyed. A trail with keyed rows and no
 * secret is refused: a new secret would make every one of them look forged.
 */
export async function loadHallSecret(db: Kysely<Database>, store: KeyStore): Promise<HallSecret> {
  const saved = store.load()
  if (saved !== null) return saved
  const { plain, keyed } = await countAuditRows(db)
  if (keyed > 0) throw new HallKeyMissingError()
  const secret = newSecret(plain)
  store.save(secret)
  return secret
}
