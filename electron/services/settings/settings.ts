import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { HallSettings } from '../../../shared/rpc/types'
import type { hallSettingsSchema } from '../../../shared/schemas/receipts'
import { AppError } from '../../errors'
import type { Database, Hall, User } from '../../db/schema'
import { getHall, updateHall } from '../../db/repositories/hall'
import { appendAudit } from '../audit/audit'
import { rulesOf } from '../calendar/calendar'
import { ESTIMATED_YEARS } from '../../../shared/deadlines'

function labelsOf(h: Hall): [string, string, string] {
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

/** Hall settings: read by administrators, changed with a before/after audit row. */
export function createSettings(db: Kysely<Database>, onRulesChanged: (hall: Hall) => Promise<unknown>) {
  return {
    async get(): Promise<HallSettings> {
      const hall = await getHall(db)
      if (hall === undefined) throw new AppError('SETUP_REQUIRED')
      return toSettings(hall)
    },
    async update(user: User, input: z.output<typeof hallSettingsSchema>, now: Date): Promise<HallSettings> {
      return db.transaction().execute(async (trx) => {
        const before = await getHall(trx)
        if (before === undefined) throw new AppError('SETUP_REQUIRED')
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
        await appendAudit(trx, now, {
          userId: user.id,
          action: 'settings.update',
          entity: 'hall',
          entityId: '1',
          detail: { before: toSettings(before), after: toSettings(after) },
        })
        return after
      }).then(async (after) => {
        // Due dates follow the rules: recompute every open case's.
        await onRulesChanged(after)
        return toSettings(after)
      })
    },
  }
}

export type Settings = ReturnType<typeof createSettings>
