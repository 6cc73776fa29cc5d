import type { Core, CoreOptions } from './core'
import { openCore } from './core'
import type { Dispatch } from './rpc/dispatcher'
import { restoreBackup } from './services/backup/restore'
import { firstBackupDelay, startBackupSchedule } from './services/backup/schedule'
import { CHANGE_TOPICS, change } from '../shared/live/changes'
import type { ChangeChannel } from './live/channel'
import { hostname } from 'node:os'
import { openChangeChannel } from './live/open-channel'

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
 * Restores a backup under the running `core` (services/backup/restore.ts) and returns the core
 * opened on the restored data. `opened` hears of every core opened on the way: after a failure
 * (RestoreFailedError) the last is the current data's, open again. A refusal opens none and
 * leaves `core` running.
 */
export function restoreAndReopen(
  core: Core,
  options: CoreOptions,
  backupPath: string,
  userId: number | null,
  opened: (core: Core) => void = () => undefined,
): Promise<Core> {
  const reopen = async () => {
    const next = await openCore(options)
    opened(next)
    return next
  }
  return restoreBackup(core, { dataDir: options.dataDir, backupPath, userId, clock: options.clock, reopen })
}

/**
 * Opens the core and keeps it current: a restore closes it and opens a new one on the restored
 * data, and the daily backup runs against whichever core is running.
 */
export async function openCoreHost(options: CoreOptions, log: (line: string) => void = () => undefined): Promise<CoreHost> {
  let core: Core
  const changes =
    options.changes ??
    openChangeChannel(
      { ...(options.database === undefined ? {} : { database: options.database }), ...(options.testSchema === undefined ? {} : { testSchema: options.testSchema }), desk: options.desk ?? hostname() },
      (error) => log(`change channel: ${error instanceof Error ? error.message : String(error)}`),
    )
  const withRestore: CoreOptions = {
    ...options,
    log: options.log ?? log,
    changes,
    restore: async (path, userId) => {
      // A failed restore has put the previous data back and reopened it: that core runs then.
      await restoreAndReopen(core, withRestore, path, userId, (next) => {
        core = next
      })
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
