import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { HallSettings, RulesImpact } from '../../../shared/settings/types'
import type { hallSettingsSchema, rulesImpactSchema } from '../../../shared/settings/schemas'
import { AppError } from '../../errors'
import type { Database, Hall } from '../../db/schema'
import { getHall, updateHall } from '../../db/repositories/hall'
import { appendAudit } from '../audit/audit'
import type { Calendar } from '../calendar/calendar'
import { rulesOf } from '../calendar/calendar'
import type { Cases } from '../cases/cases'
import type { DeadlineRules } from '../../../shared/deadlines'
import { ESTIMATED_YEARS } from '../../../shared/deadlines'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'

/** The three things a receptionist shows (三亮), 工号 / 姓名 / 职务 where the hall set none. */
export function labelsOf(h: Hall): [string, string, string] {
  const l = JSON.parse(h.show_labels) as string[]
  return [l[0] ?? '工号', l[1] ?? '姓名', l[2] ?? '职务']
}

function toSettings(h: Hall): HallSettings {
  return {
    name: h.name,
    code: h.code,
    address: h.address,
    phone: h.phone,
    receiptLayout: h.receipt_layout,
    receiptPrinter: h.receipt_printer,
    idleLockMinutes: h.idle_lock_minutes,
    deadlineRules: rulesOf(h),
    backupFolder: h.backup_folder,
    showLabels: labelsOf(h),
    backupKeepDays: h.backup_keep_days,
    statsMonthStartDay: h.stats_month_start_day,
    matterSimilarity: h.matter_similarity,
    matterRecentDays: h.matter_recent_days,
    estimatedHolidayYears: [...ESTIMATED_YEARS],
  }
}

const sameRules = (a: DeadlineRules, b: DeadlineRules) => (Object.keys(a) as (keyof DeadlineRules)[]).every((k) => a[k] === b[k])

/** Hall settings: read by administrators, changed with a before/after audit row. */
export function createSettings(db: Kysely<Database>, calendar: Calendar, cases: Cases, announce: Announce) {
  /** How many open cases the proposed rules would move (their due dates differ). */
  async function rulesImpact(ctx: CallContext, input: z.output<typeof rulesImpactSchema>): Promise<RulesImpact> {
    const { hall } = signedIn(ctx)
    return cases.impactOf(db, hall, { rules: input.deadlineRules, cal: await calendar.calendar() })
  }

  async function get(): Promise<HallSettings> {
    const hall = await getHall(db)
    if (hall === undefined) throw new AppError('SETUP_REQUIRED')
    return toSettings(hall)
  }

  async function update(ctx: CallContext, input: z.output<typeof hallSettingsSchema>): Promise<HallSettings> {
    const { user, now } = signedIn(ctx)
    const applyToOpenCases = input.applyToOpenCases === true
    const saved = await db.transaction().execute(async (trx) => {
      const before = await getHall(trx)
      if (before === undefined) throw new AppError('SETUP_REQUIRED')
      // A change of the rules applies to cases registered afterwards; the open ones move only
      // when the admin chose so, here in the same transaction (DESIGN §3).
      const rulesChange = input.deadlineRules !== undefined && !sameRules(rulesOf(before), input.deadlineRules)
      const moved =
        input.deadlineRules !== undefined && rulesChange
          ? await cases.beforeRegimeChange(trx, before, { rules: input.deadlineRules, cal: await calendar.calendar(trx) }, applyToOpenCases, now)
          : null
      await updateHall(trx, {
        address: input.address,
        phone: input.phone,
        receipt_layout: input.receiptLayout,
        receipt_printer: input.receiptPrinter === '' ? null : input.receiptPrinter,
        idle_lock_minutes: input.idleLockMinutes,
        deadline_rules: input.deadlineRules === undefined ? before.deadline_rules : JSON.stringify(input.deadlineRules),
        ...(input.backupFolder === undefined ? {} : { backup_folder: input.backupFolder.trim() === '' ? null : input.backupFolder.trim() }),
        ...(input.backupKeepDays === undefined ? {} : { backup_keep_days: input.backupKeepDays }),
        ...(input.statsMonthStartDay === undefined ? {} : { stats_month_start_day: input.statsMonthStartDay }),
        ...(input.matterSimilarity === undefined ? {} : { matter_similarity: input.matterSimilarity }),
        ...(input.matterRecentDays === undefined ? {} : { matter_recent_days: input.matterRecentDays }),
        ...(input.hallName === undefined ? {} : { name: input.hallName }),
        ...(input.hallCode === undefined ? {} : { code: input.hallCode }),
        ...(input.showLabels === undefined ? {} : { show_labels: JSON.stringify(input.showLabels) }),
      })
      const after = await getHall(trx)
      if (after === undefined) throw new AppError('SETUP_REQUIRED')
      if (rulesChange && applyToOpenCases) await cases.refreshOpenIn(trx, after)
      await appendAudit(trx, now, {
        userId: user.id,
        action: 'settings.update',
        entity: 'hall',
        entityId: '1',
        detail: {
          before: toSettings(before),
          after: toSettings(after),
          ...(rulesChange ? { applyToOpenCases, ...(moved === null ? {} : { movedOpenCases: moved }) } : {}),
        },
      })
      return toSettings(after)
    })
    // Announced once committed: the desks re-read the settings, and the cases when they moved.
    announce(change('settings', null))
    if (applyToOpenCases) announce(change('case', null))
    return saved
  }

  return { get, update, rulesImpact }
}

export type Settings = ReturnType<typeof createSettings>
