import type { Core, CoreOptions } from './core'
import { openCore } from './core'
import type { Dispatch } from './rpc/dispatcher'
import { firstBackupDelay, startBackupSchedule } from './services/backup/backup'
import { RestoreFailedError, restoreAndReopen } from './services/backup/restore'

/** The running core, which a restore replaces; every transport calls through this. */
export interface CoreHost {
  readonly core: Core
  dispatch: Dispatch
  close: () => Promise<void>
}

/**
 * Opens the core and keeps it current: a restore closes it and opens a new one on the restored
 * data, and the daily backup runs against whichever core is running.
 */
export async function openCoreHost(options: CoreOptions, log: (line: string) => void = () => undefined): Promise<CoreHost> {
  let core: Core
  const withRestore: CoreOptions = {
    ...options,
    restore: async (path, userId) => {
      try {
        core = await restoreAndReopen(core, withRestore, path, userId)
      } catch (error) {
        // A failed restore has put the previous data back and reopened it.
        if (error instanceof RestoreFailedError) core = error.core
        throw error
      }
    },
  }
  core = await openCore(withRestore)
  const stop = startBackupSchedule({
    run: async () => {
      const info = await core.backups.scheduled()
      if (info) log(`backup written: ${info.fileName}`)
    },
    firstIn: firstBackupDelay(core.backups.isStale()),
    onError: (error) => log(`scheduled backup failed: ${error instanceof Error ? error.message : String(error)}`),
  })
  return {
    get core() {
      return core
    },
    dispatch: (key, method, input) => core.dispatch(key, method, input),
    close: async () => {
      stop()
      await core.close()
    },
  }
}
