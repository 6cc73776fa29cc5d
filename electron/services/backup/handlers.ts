import type { MethodName } from '../../../shared/rpc/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Backups } from './backup'

type BackupMethod = Extract<MethodName, `backup.${string}`>

/** The backup feature's handler entries: each one the service method itself. */
export function backupHandlers(backups: Backups): HandlerSlice<BackupMethod> {
  return {
    'backup.status': backups.status,
    'backup.now': backups.now,
    'backup.list': backups.list,
    'backup.restore': backups.restore,
  }
}
