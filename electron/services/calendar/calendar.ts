import type { Kysely } from 'kysely'
import type { DeadlineRules, HolidayCalendar, HolidayEntry } from '../../../shared/deadlines'
import { DEFAULT_DEADLINE_RULES, NATIONAL_HOLIDAYS, deadlineRulesSchema, makeCalendar } from '../../../shared/deadlines'
import type { Database, Hall } from '../../db/schema'
import { listHolidays, upsertHolidays, yearsWithHolidays } from '../../db/repositories/holidays'
import { findRegime } from '../../db/repositories/regimes'

/** The rules and calendar a case's clocks are counted by. */
export interface Regime {
  rules: DeadlineRules
  cal: HolidayCalendar
}

/**
 * The hall's holiday calendar and deadline rules. The calendar is read once and kept until an
 * administrator changes it; every due date is computed from it.
 */
export function createCalendar(db: Kysely<Database>) {
  let cached: HolidayCalendar | undefined
  /** Kept regimes never change once written. */
  const regimes = new Map<number, Regime>()

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
      regimes.clear()
    },
    /**
     * The rules and calendar of a case: those kept when it was pinned before a change, or the
     * hall's current ones (regimeId null).
     */
    async regime(executor: Kysely<Database>, regimeId: number | null, hall: Hall): Promise<Regime> {
      if (regimeId === null) return { rules: rulesOf(hall), cal: (cached ??= makeCalendar(await listHolidays(executor))) }
      let regime = regimes.get(regimeId)
      if (regime === undefined) {
        const row = await findRegime(executor, regimeId)
        if (row === undefined) throw new Error(`deadline regime ${regimeId} is missing`)
        regime = { rules: parseRules(row.rules), cal: makeCalendar(JSON.parse(row.holidays) as HolidayEntry[]) }
        regimes.set(regimeId, regime)
      }
      return regime
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
const ruleSchemas = deadlineRulesSchema.shape

/**
 * The hall's deadline rules: its own values over the regulation's defaults. Each stored value is
 * read on its own, so one that is no longer allowed (an extension limit above the regulation's
 * 30 days, saved by an older version) falls back to the regulation without losing the others.
 */
export function rulesOf(hall: Hall): DeadlineRules {
  return parseRules(hall.deadline_rules)
}

/** Stored rules (JSON) over the regulation's defaults; see rulesOf. */
export function parseRules(json: string): DeadlineRules {
  const stored = JSON.parse(json) as Record<string, unknown>
  const whole = storedRulesSchema.safeParse(stored)
  if (whole.success) return { ...DEFAULT_DEADLINE_RULES, ...whole.data }
  const rules = { ...DEFAULT_DEADLINE_RULES }
  for (const key of Object.keys(rules) as (keyof DeadlineRules)[]) {
    const one = ruleSchemas[key].safeParse(stored[key])
    if (one.success) rules[key] = one.data
  }
  return rules
}

export type Calendar = ReturnType<typeof createCalendar>
