import { method, none } from '../rpc/method'
import { admins } from '../rpc/roles'
import { hallConnectionFieldsSchema } from './schemas'
import type { HallConnectionCheck, HallConnectionView } from './types'

/**
 * 连接大厅数据库 (issue #10): the desk's connection to the hall's database, tested before it is
 * saved; the password kept encrypted (Electron safeStorage in the app). An administrator changes it.
 */
export const hallConnectionContract = {
  'hallConnection.get': method<HallConnectionView>()(none, admins),
  'hallConnection.test': method<HallConnectionCheck>()(hallConnectionFieldsSchema, admins),
  'hallConnection.save': method<HallConnectionView>()(hallConnectionFieldsSchema, admins),
} as const
