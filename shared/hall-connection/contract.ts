import { method, none } from '../rpc/method'
import { admins } from '../rpc/roles'
import { hallConnectionFieldsSchema } from './schemas'
import type { HallConnectionCheck, HallConnectionView } from './types'

/**
 * 连接大厅数据库 (issue #10): the desk's connection to the hall's database, tested before it is
 * saved; the password kept encrypted (Electron safeStorage in the app). An administrator changes it;
 * on the first run, before setup, the desk joins a hall with it (joinTest, join).
 */
export const hallConnectionContract = {
  'hallConnection.get': method<HallConnectionView>()(none, admins),
  'hallConnection.test': method<HallConnectionCheck>()(hallConnectionFieldsSchema, admins),
  'hallConnection.save': method<HallConnectionView>()(hallConnectionFieldsSchema, admins),
  // First run, before setup (Electron; the browser host with --first-run-choice): anyone at the
  // desk may try the hall's fields and join, and both are refused once the desk has a hall or
  // runs on a hall database, so nobody redirects a set-up desk without signing in as its admin.
  'hallConnection.joinTest': method<HallConnectionCheck>()(hallConnectionFieldsSchema, 'public'),
  'hallConnection.join': method<HallConnectionCheck>()(hallConnectionFieldsSchema, 'public'),
} as const
