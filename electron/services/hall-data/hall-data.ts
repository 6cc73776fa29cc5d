import type { Kysely } from 'kysely'
import type { HolidayEntry } from '../../../shared/deadlines'
import { isIsoDate, makeCalendar } from '../../../shared/deadlines'
import type { HolidayRow, UnitRow } from '../../../shared/hall-data/types'
import type { RulesImpact } from '../../../shared/settings/types'
import { AppError, fieldError } from '../../errors'
import type { Database, Hall, User } from '../../db/schema'
import { deleteHoliday, listHolidays, upsertHolidays } from '../../db/repositories/holidays'
import { insertUnit, listUnits, unitNameTaken, updateUnit } from '../../db/repositories/units'
import { appendAudit } from '../audit/audit'
import type { Calendar } from '../calendar/calendar'
import { rulesOf } from '../calendar/calendar'
import type { Cases } from '../cases/cases'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'

type Table = 'units' | 'categories'

/**
 * Hall data an administrator keeps: responsible units, demand categories and the holiday
 * calendar. A retired unit or category stays on the cases that used it.
 */
export function createHallData(db: Kysely<Database>, calendar: Calendar, cases: Cases, announce: Announce) {
  async function list(table: Table, includeRetired: boolean, executor: Kysely<Database> = db): Promise<UnitRow[]> {
    const rows =
      table === 'units'
        ? await listUnits(executor, includeRetired)
        : await executor
            .selectFrom('categories')
            .select(['id', 'name', 'retired'])
            .$if(!includeRetired, (q) => q.where('retired', '=', 0))
            .orderBy('sort_order')
            .orderBy('id')
            .execute()
    return rows.map((r) => ({ id: r.id, name: r.name, retired: r.retired === 1 }))
  }

  async function nameTaken(trx: Kysely<Database>, table: Table, name: string, exceptId = 0): Promise<boolean> {
    if (table === 'units') return unitNameTaken(trx, name, exceptId)
    const row = await trx.selectFrom('categories').select('id').where('name', '=', name).where('id', '!=', exceptId).executeTakeFirst()
    return row !== undefined
  }

  const topicOf = (table: Table) => (table === 'units' ? 'unit' : 'category')

  async function add(user: User, table: Table, name: string, now: Date): Promise<UnitRow> {
    const added = await db.transaction().execute(async (trx) => {
      if (await nameTaken(trx, table, name)) throw fieldError('name', 'v.unit.taken')
      let id: number
      if (table === 'units') id = await insertUnit(trx, name)
      else {
        const max = await trx.selectFrom('categories').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst()
        id = (await trx.insertInto('categories').values({ name, sort_order: Number(max?.m ?? 0) + 10, retired: 0 }).returning('id').executeTakeFirstOrThrow()).id
      }
      await appendAudit(trx, now, { userId: user.id, action: `${table}.add`, entity: table, entityId: String(id), detail: { after: { name } } })
      return { id, name, retired: false }
    })
    announce(change(topicOf(table), [added.id]))
    return added
  }

  async function update(user: User, table: Table, input: { id: number; name: string; retired: boolean }, now: Date): Promise<UnitRow> {
    const updated = await db.transaction().execute(async (trx) => {
      const before = (await list(table, true, trx)).find((r) => r.id === input.id)
      if (before === undefined) throw new AppError('NOT_FOUND')
      if (await nameTaken(trx, table, input.name, input.id)) throw fieldError('name', 'v.unit.taken')
      const changes = { name: input.name, retired: input.retired ? 1 : 0 }
      if (table === 'units') await updateUnit(trx, input.id, changes)
      else await trx.updateTable('categories').set(changes).where('id', '=', input.id).execute()
      await appendAudit(trx, now, {
        userId: user.id,
        action: `${table}.update`,
        entity: table,
        entityId: String(input.id),
        detail: { before, after: input },
      })
      return { id: input.id, name: input.name, retired: input.retired }
    })
    // A renamed unit or category shows on the cases that carry it.
    announce(change(topicOf(table), [updated.id]))
    return updated
  }

  async function holidays(): Promise<HolidayRow[]> {
    return listHolidays(db)
  }

  /** The calendar after putting and removing entries (a put replaces the entry of its date). */
  function changed(current: readonly HolidayEntry[], put: readonly HolidayEntry[], remove: readonly string[]): HolidayEntry[] {
    const byDate = new Map(current.map((h) => [h.date, h]))
    for (const h of put) byDate.set(h.date, { date: h.date, kind: h.kind, name: h.name })
    for (const d of remove) byDate.delete(d)
    return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
  }

  /** How many open cases the change would move. */
  async function holidaysImpact(hall: Hall, put: HolidayEntry[], remove: string[]): Promise<RulesImpact> {
    return cases.impactOf(db, hall, { rules: rulesOf(hall), cal: makeCalendar(changed(await listHolidays(db), put, remove)) })
  }

  /**
   * A change of the calendar applies to cases registered afterwards; with `applyToOpenCases` the
   * open cases move too, in the same transaction (DESIGN §3).
   */
  async function changeHolidays(user: User, hall: Hall, put: HolidayEntry[], remove: string[], now: Date, applyToOpenCases = false): Promise<HolidayRow[]> {
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
    return holidays()
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

  return { list, add, update, holidays, changeHolidays, holidaysImpact, parseHolidayCsv }
}

export type HallData = ReturnType<typeof createHallData>
