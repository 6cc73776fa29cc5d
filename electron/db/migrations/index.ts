import type { Kysely } from 'kysely'
import * as m0001 from './0001-initial'
import * as m0002 from './0002-receipts'
import * as m0003 from './0003-cases'
import * as m0004 from './0004-reports'
import * as m0005 from './0005-performance'
import * as m0006 from './0006-housekeeping'
import * as m0007 from './0007-notices'
import * as m0008 from './0008-security'
import * as m0014 from './0014-queue'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each migration sees its own schema
export type Migration = { up: (db: Kysely<any>) => Promise<void> }

/** Every migration, in order; the database's schema version is the count that has run. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0014]
