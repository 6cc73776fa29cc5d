import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { OPEN_STATUSES } from '../../../shared/cases/machine'
import { parseCaseNumber } from '../../../shared/case-number'
import { DUE_SOON_DAYS, addDays, daysLeft } from '../../../shared/deadlines'
import { maskIdNumber, parseIdNumber } from '../../../shared/id-number'
import { parsePhone } from '../../../shared/phone'
import type { CaseListRow, SupervisionView } from '../../../shared/rpc/types'
import { hallDate } from '../../../shared/time'
import { AppError, fieldError } from '../../errors'
import type { Database, Hall } from '../../db/schema'
import { caseListQuery, matchingVisitIds } from '../../db/repositories/cases'

type ListRow = Awaited<ReturnType<ReturnType<typeof caseListQuery>['execute']>>[number]

const SEARCH_LIMIT = 200

function toRow(r: ListRow, today: string): CaseListRow {
  return {
    caseNumber: r.case_number,
    registeredAt: r.registered_at,
    visitorName: r.visitor_name,
    maskedIdNumber: maskIdNumber(r.id_number),
    category: r.category,
    unit: r.unit,
    status: r.status,
    dueDate: r.due_date,
    daysLeft: r.due_date === null ? null : daysLeft(today, r.due_date),
    paused: r.clock_paused === 1,
    extended: r.extension_days !== null,
    leaderName: r.leader_name,
  }
}

export type SearchBy = 'auto' | 'caseNumber' | 'name' | 'idNumber' | 'phone' | 'text'

/** 督办 and search: lists of cases, ID numbers masked. */
export function createCaseLists(db: Kysely<Database>) {
  async function supervision(hall: Hall, filter: { unitId: number | null; categoryId: number | null; today: string | null }, now: Date): Promise<SupervisionView> {
    const today = filter.today ?? hallDate(now, hall.time_zone)
    let q = caseListQuery(db).where('v.status', 'in', OPEN_STATUSES)
    if (filter.unitId !== null) q = q.where('v.unit_id', '=', filter.unitId)
    if (filter.categoryId !== null) q = q.where('v.category_id', '=', filter.categoryId)
    const rows = (await q.orderBy(sql`v.due_date is null`).orderBy('v.due_date').orderBy('v.id').execute()).map((r) => toRow(r, today))
    const soon = addDays(today, DUE_SOON_DAYS)
    const counts = {
      open: rows.length,
      overdue: rows.filter((r) => r.dueDate !== null && r.dueDate < today).length,
      dueSoon: rows.filter((r) => r.dueDate !== null && r.dueDate >= today && r.dueDate <= soon).length,
      extended: rows.filter((r) => r.extended).length,
      paused: rows.filter((r) => r.paused).length,
    }
    const hallToday = today.replace(/-/g, '')
    let todays = caseListQuery(db).where('v.hall_day', '=', hallToday)
    if (filter.unitId !== null) todays = todays.where('v.unit_id', '=', filter.unitId)
    if (filter.categoryId !== null) todays = todays.where('v.category_id', '=', filter.categoryId)
    const withoutPlan = (
      await todays
        .where('v.status', 'in', OPEN_STATUSES)
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('case_events as e').select('e.id').whereRef('e.visit_id', '=', 'v.id').where('e.action', '=', 'plan').where('e.day', '=', today))),
        )
        .orderBy('v.day_seq')
        .execute()
    ).map((r) => toRow(r, today))
    return { today, counts, rows, withoutPlan }
  }

  /** What a query most likely is: a case number, an ID number, a phone, else a name or text. */
  function guess(query: string): Exclude<SearchBy, 'auto'> {
    const q = query.trim().toUpperCase()
    if (/^[A-Z]{2,6}-\d{4,8}(-\d{0,4})?$/.test(q)) return 'caseNumber'
    if (parseIdNumber(q).ok) return 'idNumber'
    if (parsePhone(q).ok) return 'phone'
    return /^[\p{Script=Han}·]{2,10}$/u.test(q) ? 'name' : 'text'
  }

  async function search(hall: Hall, query: string, by: SearchBy, now: Date): Promise<{ by: Exclude<SearchBy, 'auto'>; rows: CaseListRow[] }> {
    const kind = by === 'auto' ? guess(query) : by
    const found = await searchBy(hall, query, kind, now)
    // Two to four Chinese characters may be a name or a word of the answers: names first.
    if (by === 'auto' && kind === 'name' && found.length === 0) return { by: 'text', rows: await searchBy(hall, query, 'text', now) }
    return { by: kind, rows: found }
  }

  async function searchBy(hall: Hall, query: string, kind: Exclude<SearchBy, 'auto'>, now: Date): Promise<CaseListRow[]> {
    const today = hallDate(now, hall.time_zone)
    const base = caseListQuery(db)
    let rows: ListRow[]
    switch (kind) {
      case 'caseNumber': {
        const q = query.trim().toUpperCase()
        rows = parseCaseNumber(q)
          ? await base.where('v.case_number', '=', q).execute()
          : // A prefix such as WH-202611 lists that month's cases, through the unique index.
            await base.where('v.case_number', '>=', q).where('v.case_number', '<', `${q}\uffff`).orderBy('v.case_number', 'desc').limit(SEARCH_LIMIT).execute()
        break
      }
      case 'idNumber': {
        const id = parseIdNumber(query)
        if (!id.ok) throw fieldError('query', `v.idNumber.${id.problem}`)
        rows = await base.where('p.id_number', '=', id.value).orderBy('v.registered_at', 'desc').limit(SEARCH_LIMIT).execute()
        break
      }
      case 'phone': {
        const phone = parsePhone(query)
        if (!phone.ok) throw fieldError('query', 'v.phone.invalid')
        rows = await base.where('v.visitor_phone', '=', phone.value).orderBy('v.registered_at', 'desc').limit(SEARCH_LIMIT).execute()
        break
      }
      case 'name':
      case 'text': {
        const ids = matchingVisitIds(db, kind === 'name' ? 'name' : 'answers', query, SEARCH_LIMIT)
        if (ids === null) throw new AppError('VALIDATION', 'e.VALIDATION', {}, [{ path: 'query', key: 'v.search.tooShort' }])
        rows = await base.where('v.id', 'in', ids).orderBy('v.id', 'desc').execute()
        break
      }
    }
    return rows.map((r) => toRow(r, today))
  }

  return { supervision, search }
}

export type CaseLists = ReturnType<typeof createCaseLists>
