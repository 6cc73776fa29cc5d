import type { Kysely } from 'kysely'
import type { DeadlineRules, HolidayCalendar } from '../../../shared/deadlines'
import { DEFAULT_DEADLINE_RULES, NATIONAL_HOLIDAYS, deadlineRulesSchema, makeCalendar } from '../../../shared/deadlines'
import type { Database, Hall } from '../../db/schema'
import { listHolidays, upsertHolidays, yearsWithHolidays } from '../../db/repositories/holidays'

/**
 * The hall's holiday calendar and deadline rules. The calendar is read once and kept until an
 * administrator changes it; every due date is computed from it.
 */
export function createCalendar(db: Kysely<Database>) {
  let cached: HolidayCalendar | undefined

  return {
    /**
     * Inside a transaction, pass it: the database has one connection, and a query outside the
     * transaction would wait for it forever.
     */
    async calendar(executor: Kysely<Database> = db): Promise<HolidayCalendar> {
      cached ??= makeCalendar(await listHolidays(executor))
      return cached
    },
    invalidate(): void {
      cached = undefined
    },
    /** Adds the shipped national schedule for every year the hall has no entries for yet. */
    async ensureNationalHolidays(): Promise<number> {
      const present = await yearsWithHolidays(db)
      const missing = NATIONAL_HOLIDAYS.filter((h) => !present.has(Number(h.date.slice(0, 4))))
      if (missing.length > 0) await db.transaction().execute((trx) => upsertHolidays(trx, missing))
      cached = undefined
      return missing.length
    },
  }
}

/** Made once: building a zod schema costs more than a registration's own SQL (`npm run bench`). */
const storedRulesSchema = deadlineRulesSchema.partial()

/** The hall's deadline rules: its own values over the regulation's defaults. */
export function rulesOf(hall: Hall): DeadlineRules {
  const parsed = storedRulesSchema.safeParse(JSON.parse(hall.deadline_rules))
  return { ...DEFAULT_DEADLINE_RULES, ...(parsed.success ? parsed.data : {}) }
}

export type Calendar = ReturnType<typeof createCalendar>
