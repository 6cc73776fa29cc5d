import { method } from '../rpc/method'
import { admins } from '../rpc/roles'
import { hallMoveJobSchema, hallMoveStartSchema } from './schemas'
import type { HallMoveJob } from './types'

/**
 * 迁移到大厅数据库 (issue #10): a single desk's hall moves from its SQLite file into an empty
 * PostgreSQL database, which every desk of the hall then works on. The file is left as it was.
 */
export const hallMoveContract = {
  'hallMove.start': method<HallMoveJob>()(hallMoveStartSchema, admins),
  'hallMove.job': method<HallMoveJob>()(hallMoveJobSchema, admins),
} as const
