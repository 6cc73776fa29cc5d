import type { Kysely } from 'kysely'
import type { Database } from './db/schema'
import type { Core, CoreOptions } from './core'
import { openCore } from './core'
import type { Dispatch } from './rpc/dispatcher'
import { restoreBackup } from './services/backup/restore'
import { firstBackupDelay, startBackupSchedule } from './services/backup/schedule'
import { CHANGE_TOPICS, change } from '../shared/live/changes'
import type { ChangeChannel } from './live/channel'
import { relayChannel } from './live/channel'
import { AppError } from './errors'
import { hostname } from 'node:os'
import { openChangeChannel } from './live/open-channel'

/** The running core, which a restore replaces; every transport calls through this. */
export interface CoreHost {
  readonly core: Core
  dispatch: Dispatch
  /** The desk's change channel: the same across restores and the first-run join, so the pages' subscriptions stay. */
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
 * data, the first-run join (连接大厅数据库) replaces the desk's SQLite core with one on the hall's
 * PostgreSQL database, and the daily backup runs against whichever core is running.
 */
export async function openCoreHost(options: CoreOptions, log: (line: string) => void = () => undefined): Promise<CoreHost> {
  let core: Core
  const desk = options.desk ?? hostname()
  const logChannel = (error: unknown) => log(`change channel: ${error instanceof Error ? error.message : String(error)}`)
  const channelFor = (database: string | undefined) =>
    openChangeChannel({ ...(database === undefined ? {} : { database }), ...(options.testSchema === undefined ? {} : { testSchema: options.testSchema }), desk }, logChannel)
  /** The running database's channel: the caller's, or the host's own (replaced by a join). */
  let inner = options.changes ?? channelFor(options.database)
  let ownInner = options.changes === undefined
  // What the pages subscribe to (main.ts, serve.ts): it follows `inner` across a join.
  const changes = relayChannel(inner, logChannel)
  /** A core replaced by the join: closed once the call that replaced it has answered. */
  let retired: { core: Core; changes: ChangeChannel | null } | null = null
  let joining: Promise<unknown> = Promise.resolve()

  const retire = async () => {
    const old = retired
    retired = null
    if (old === null) return
    await old.core.close().catch((error: unknown) => log(`closing the replaced core: ${error instanceof Error ? error.message : String(error)}`))
    await old.changes?.close().catch(logChannel)
  }

  /** 连接大厅数据库 on the first run: a core on `url`, then `commit` (the connection saved), then it runs. */
  const join = (url: string, commit: () => void): Promise<Kysely<Database>> => {
    const run = joining.then(async () => {
      if (current.database !== undefined) throw new AppError('CONFLICT', 'e.hallConnection.JOIN_ON_HALL')
      const nextChanges = channelFor(url)
      const nextOptions: CoreOptions = { ...current, database: url, changes: nextChanges }
      let next: Core
      try {
        next = await openCore(nextOptions)
      } catch (error) {
        await nextChanges.close().catch(logChannel)
        throw error
      }
      try {
        commit()
      } catch (error) {
        await next.close()
        await nextChanges.close().catch(logChannel)
        throw error
      }
      retired = { core, changes: ownInner ? inner : null }
      core = next
      current = nextOptions
      inner = nextChanges
      ownInner = true
      changes.follow(nextChanges)
      log('joined the hall database (PostgreSQL)')
      // Everything the pages show came from the file just left.
      changes.announce(...CHANGE_TOPICS.map((topic) => change(topic, null)))
      return next.connection.db
    })
    joining = run.catch(() => undefined)
    return run
  }

  let current: CoreOptions = {
    ...options,
    log: options.log ?? log,
    changes: inner,
    join,
    restore: async (path, userId) => {
      // A failed restore has put the previous data back and reopened it: that core runs then.
      await restoreAndReopen(core, current, path, userId, (next) => {
        core = next
      })
      // Everything the pages show came from the data just replaced.
      changes.announce(...CHANGE_TOPICS.map((topic) => change(topic, null)))
    },
  }
  core = await openCore(current)
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
    dispatch: async (key, method, input) => {
      const answer = await core.dispatch(key, method, input)
      // The join answered on the core it replaced: that one is closed now.
      if (retired !== null) await retire()
      return answer
    },
    changes,
    mayHear: (sessionKey) => {
      const session = core.sessions.get(sessionKey)
      return session !== undefined && !session.locked
    },
    close: async () => {
      stop()
      await joining
      await retire()
      await core.close()
      await changes.close()
      if (ownInner) await inner.close()
    },
  }
}
