import type { Core, CoreOptions } from './core'
import { openCore } from './core'
import type { Dispatch } from './rpc/dispatcher'
import { firstBackupDelay, startBackupSchedule } from './services/backup/backup'
import { RestoreFailedError, restoreAndReopen } from './services/backup/restore'
import { CHANGE_TOPICS, change } from '../shared/live/changes'
import type { ChangeChannel } from './live/channel'
import { createChangeChannel } from './live/channel'

/** The running core, which a restore replaces; every transport calls through this. */
export interface CoreHost {
  readonly core: Core
  dispatch: Dispatch
  /** The desk's change channel: the same across restores, so the pages' subscriptions stay. */
  changes: ChangeChannel
  /** Whether a window or tab may hear the hall's changes: signed in and not locked, as for the RPC. */
  mayHear: (sessionKey: string) => boolean
  close: () => Promise<void>
}

/**
 * Opens the core and keeps it current: a restore closes it and opens a new one on the restored
 * data, and the daily backup runs against whichever core is running.
 */
export async function openCoreHost(options: CoreOptions, log: (line: string) => void = () => undefined): Promise<CoreHost> {
  let core: Core
  const changes = options.changes ?? createChangeChannel(undefined, (error) => log(`change channel: ${error instanceof Error ? error.message : String(error)}`))
  const withRestore: CoreOptions = {
    ...options,
    changes,
    restore: async (path, userId) => {
      try {
        core = await restoreAndReopen(core, withRestore, path, userId)
      } catch (error) {
        // A failed restore has put the previous data back and reopened it.
        if (error instanceof RestoreFailedError) core = error.core
        throw error
      }
      // Everything the pages show came from the data just replaced.
      changes.announce(...CHANGE_TOPICS.map((topic) => change(topic, null)))
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
    changes,
    mayHear: (sessionKey) => {
      const session = core.sessions.get(sessionKey)
      return session !== undefined && !session.locked
    },
    close: async () => {
      stop()
      await core.close()
      if (options.changes === undefined) await changes.close()
    },
  }
}
