import type { AppStatus, DeskLink, HallInfo } from '../../../shared/app/types'
import type { Hall } from '../../db/schema'
import type { CallContext } from '../../rpc/context'
import { sessionInfo } from '../accounts/sessions'
import { rulesOf } from '../calendar/calendar'
import { labelsOf } from '../settings/settings'

export interface AppDeps {
  /** The desk's name and its link to the hall's database (always connected on SQLite). */
  link: () => DeskLink
  /** Before setup: the backup folder setup offers. */
  defaultBackupFolder: string
  /** The host offers 单机使用 or 连接大厅数据库 before setup, and the desk is on its own file. */
  firstRunChoice: boolean
}

/** What every page needs of the hall: its name, clock, labels and limits. */
function hallInfo(hall: Hall): HallInfo {
  return {
    name: hall.name,
    code: hall.code,
    timeZone: hall.time_zone,
    idleLockMinutes: hall.idle_lock_minutes,
    showLabels: labelsOf(hall),
    receiptLayout: hall.receipt_layout,
    extensionMax: rulesOf(hall).extensionMax,
    statsMonthStartDay: hall.stats_month_start_day,
    adminReadsAudit: hall.admin_reads_audit === 1,
  }
}

/** The app's state as the window starts and after each change: set up or not, who is signed in, the hall. */
export function createApp({ link, defaultBackupFolder, firstRunChoice }: AppDeps) {
  function status(ctx: CallContext): Promise<AppStatus> {
    return Promise.resolve({
      setUp: ctx.hall !== undefined,
      hall: ctx.hall === undefined ? null : hallInfo(ctx.hall),
      session: ctx.user !== undefined && ctx.session !== undefined ? sessionInfo(ctx.user, ctx.session) : null,
      now: ctx.now.toISOString(),
      defaultBackupFolder: ctx.hall === undefined ? defaultBackupFolder : null,
      firstRunChoice: ctx.hall === undefined && firstRunChoice,
    })
  }

  /** Never reads the database: the header asks for it while the hall's server is away. */
  function deskLink(): Promise<DeskLink> {
    return Promise.resolve(link())
  }

  return { status, link: deskLink }
}

export type App = ReturnType<typeof createApp>
