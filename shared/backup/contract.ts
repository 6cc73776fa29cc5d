import { z } from 'zod'
import { method, none } from '../rpc/method'
import { admins } from '../rpc/roles'
import type { BackupFile, BackupStatus } from './types'

/** The backup slice of the RPC contract. */
export const backupContract = {
  'backup.status': method<BackupStatus>()(none, admins),
  'backup.now': method<BackupFile>()(none, admins),
  'backup.list': method<BackupFile[]>()(none, admins),
  // Replaces the running core: every session ends, the renderer signs in again.
  'backup.restore': method<null>()(z.strictObject({ path: z.string('v.text').min(1, 'v.required').max(1000, 'v.tooLong') }), admins),
} as const
