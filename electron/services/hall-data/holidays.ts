import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { HolidayEntry } from '../../../shared/deadlines'
import { isIsoDate, makeCalendar } from '../../../shared/deadlines'
import type { HolidayRow } from '../../../shared/hall-data/types'
import type { holidayImportSchema, holidayRemoveSchema, holidaySchema, holidaysImpactSchema } from '../../../shared/hall-data/schemas'
import { change } from '../../../shared/live/changes'
import type { RulesImpact } from '../../../shared/settings/types'
import { AppError } from '../../errors'
import type { Database } from '../../db/schema'
import { deleteHoliday, listHolidays, upsertHolidays } from '../../db/repositories/holidays'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import type { Calendar } from '../calendar/calendar'
import { rulesOf } from '../calendar/calendar'
import type { Cases } from '../cases/cases'

/** The calendar after putting and removing entries (a put replaces the entry of its date). */
function changed(current: readonly HolidayEntry[], put: readonly HolidayEntry[], remove: readonly string[]): HolidayEntry[] {
  const byDate = new Map(current.map((h) => [h.date, h]))
  for (const h of put) byDate.set(h.date, { date: h.date, kind: h.kind, name: h.name })
  for (const d of remove) byDate.delete(d)
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * Reads a simple CSV: date,kind,name per line (kind 休 / 班, or holiday / workday), with an
 * optional header. Returns the rows, or the first line that is wrong.
 */
function parseHolidayCsv(csv: string): HolidayEntry[] {
  const rows: HolidayEntry[] = []
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || (i === 0 && /date|日期/i.test(line))) return
    const [date = '', kindRaw = '', name = ''] = line.split(/[,，\t]/).map((s) => s.trim())
    const kind = ['休', 'holiday', '假'].includes(kindRaw) ? 'holiday' : ['班', 'workday'].includes(kindRaw) ? 'workday' : null
    if (!isIsoDate(date) || kind === null || name === '' || name.length > 20) {
      throw new AppError('VALIDATION', 'e.VALIDATION', { line: i + 1 }, [{ path: 'csv', key: 'v.holiday.csvLine' }])
    }
    rows.push({ date, kind, name })
  })
  if (rows.length === 0) throw new AppError('VALIDATION', 'e.VALIDATION', {}, [{ path: 'csv', key: 'v.holiday.csvEmpty' }])
  return rows
}

/**
 * The hall's holiday calendar (调休 included), which the deadlines count by. A change applies to
 * cases registered afterwards; with `applyToOpenCases` the open cases move too, in the same
 * transaction (DESIGN §3).
 */
export function createHolidays(db: Kysely<Database>, calendar: Calendar, cases: Cases, announce: Announce) {
  function list(): Promise<HolidayRow[]> {
    return listHolidays(db)
  }

  /** Puts and removes entries in one transaction, the open cases moved with them when asked. */
  async function changeCalendar(ctx: CallContext, put: HolidayEntry[], remove: string[], applyToOpenCases = false): Promise<HolidayRow[]> {
    const { user, hall, now } = signedIn(ctx)
    const entries = put.map((h) => ({ date: h.date, kind: h.kind, name: h.name }))
    try {
      await db.transaction().execute(async (trx) => {
        const proposed = makeCalendar(changed(await listHolidays(trx), entries, remove))
        const moved = await cases.beforeRegimeChange(trx, hall, { rules: rulesOf(hall), cal: proposed }, applyToOpenCases, now)
        await upsertHolidays(trx, entries)
        for (const date of remove) await deleteHoliday(trx, date)
        calendar.invalidate()
        if (applyToOpenCases) await cases.refreshOpenIn(trx, hall)
        await appendAudit(trx, now, {
          userId: user.id,
          action: 'holidays.update',
          entity: 'holidays',
          detail: { put: entries, remove, applyToOpenCases, ...(moved === null ? {} : { movedOpenCases: moved }) },
        })
      })
    } finally {
      // Read again after the commit (or the rollback): the cache may hold the transaction's calendar.
      calendar.invalidate()
    }
    announce(change('holiday', [...entries.map((h) => h.date), ...remove]))
    if (applyToOpenCases) announce(change('case', null))
    return list()
  }

  /** One entry put (it replaces the entry of its date). */
  function put(ctx: CallContext, input: z.output<typeof holidaySchema>): Promise<HolidayRow[]> {
    const { applyToOpenCases, ...entry } = input
    return changeCalendar(ctx, [entry], [], applyToOpenCases)
  }

  function remove(ctx: CallContext, input: z.output<typeof holidayRemoveSchema>): Promise<HolidayRow[]> {
    return changeCalendar(ctx, [], [input.date], input.applyToOpenCases)
  }

  /** The entries of a CSV put at once, or none if a line is wrong. */
  function importCsv(ctx: CallContext, input: z.output<typeof holidayImportSchema>): Promise<HolidayRow[]> {
    return changeCalendar(ctx, parseHolidayCsv(input.csv), [], input.applyToOpenCases)
  }

  /** How many open cases the change would move. */
  async function impact(ctx: CallContext, input: z.output<typeof holidaysImpactSchema>): Promise<RulesImpact> {
    const put = [...input.put, ...(input.csv === undefined ? [] : parseHolidayCsv(input.csv))]
    const { hall } = signedIn(ctx)
    return cases.impactOf(db, hall, { rules: rulesOf(hall), cal: makeCalendar(changed(await listHolidays(db), put, input.remove)) })
  }

  return { list, put, remove, import: importCsv, impact }
}

export type Holidays = ReturnType<typeof createHolidays>
