import type { Kysely } from 'kysely'
import { hallDaySchema } from '../../../shared/days'
import { hallDayOf } from '../../../shared/days'
import { sql } from 'kysely'
import type { z } from 'zod'
import { OPEN_STATUSES } from '../../../shared/cases/machine'
import { parseCaseNumber } from '../../../shared/case-number'
import { daysLeft } from '../../../shared/deadlines'
import { countsUnder, type SupervisionCount } from '../../../shared/cases/supervision-filter'
import { parseIdNumber } from '../../../shared/id-number'
import { parsePhone } from '../../../shared/phone'
import type { searchSchema, supervisionSchema } from '../../../shared/cases/schemas'
import type { CaseListRow, SearchMatch, SearchResult, SupervisionView } from '../../../shared/cases/types'
import { SEARCH_MATCHES, type SearchBy } from '../../../shared/cases/types'
import { bigramQuery } from '../../../shared/search/bigrams'
import { toHalfWidth } from '../../../shared/text'
import { hallDate } from '../../../shared/time'
import { AppError, fieldError } from '../../errors'
import type { Database, Hall } from '../../db/schema'
import { caseListQuery, caseSummary, matchingVisitIds, casesByCategoryName, casesByDaySeq, casesByIdTail, casesByPhoneTail, casesByRepresentative } from '../../db/repositories/cases'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import type { Privacy } from '../privacy/privacy'

type ListRow = Awaited<ReturnType<ReturnType<typeof caseListQuery>['execute']>>[number]

const SEARCH_LIMIT = 200

function toRow(r: ListRow, today: string): CaseListRow {
  return {
    ...caseSummary(r),
    daysLeft: r.due_date === null ? null : daysLeft(today, r.due_date),
    paused: r.clock_paused === 1,
    extended: r.extension_days !== null,
    leaderName: r.leader_name,
  }
}

/** 督办 and search: lists of cases, ID numbers masked. */
export function createCaseLists(db: Kysely<Database>, privacy: Privacy) {
  async function supervision(ctx: CallContext, filter: z.output<typeof supervisionSchema>): Promise<SupervisionView> {
    const { hall, now } = signedIn(ctx)
    const today = filter.today ?? hallDate(now, hall.time_zone)
    let q = caseListQuery(db).where('v.status', 'in', OPEN_STATUSES)
    if (filter.unitId !== null) q = q.where('v.unit_id', '=', filter.unitId)
    if (filter.categoryId !== null) q = q.where('v.category_id', '=', filter.categoryId)
    const rows = (await q.orderBy(sql`v.due_date is null`).orderBy('v.due_date').orderBy('v.id').execute()).map((r) => toRow(r, today))
    const count = (key: SupervisionCount) => rows.filter((r) => countsUnder(key, r, today)).length
    const counts = { open: count('open'), overdue: count('overdue'), dueSoon: count('dueSoon'), extended: count('extended'), paused: count('paused'), withRepeats: count('withRepeats') }
    const hallToday = hallDayOf(today)
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

  /** The group of a match reason, for the summary line ("按“身份证号”找到…"). */
  function groupOf(match: SearchMatch): Exclude<SearchBy, 'auto'> {
    if (match === 'caseNumber' || match === 'caseNumberPart') return 'caseNumber'
    if (match === 'idNumber' || match === 'idTailAndName') return 'idNumber'
    if (match === 'phone' || match === 'phoneTail') return 'phone'
    if (match === 'name' || match === 'representative') return 'name'
    return 'text'
  }

  /** The search, with a lookup by a full ID number audited (a name with its last digits is not a full number). */
  async function search(ctx: CallContext, input: z.output<typeof searchSchema>): Promise<SearchResult> {
    const { user, hall, now } = signedIn(ctx)
    const found = await find(hall, input.query, input.by, now)
    if (found.by === 'idNumber' && parseIdNumber(input.query).ok) await privacy.idLookup(user, input.query, 'cases.search', found.rows.length, now)
    return found
  }

  /**
   * Everything the query may be, each tried, ranked by SEARCH_MATCHES (exact case number, ID
   * number, phone, name, text), newest first within a reason; a case found twice keeps its best
   * reason. Each row says why it was found.
   */
  async function find(hall: Hall, query: string, by: SearchBy, now: Date): Promise<SearchResult> {
    const today = hallDate(now, hall.time_zone)
    const found = new Map<string, { row: ListRow; match: SearchMatch }>()
    const add = (rows: ListRow[], match: SearchMatch) => {
      for (const row of rows) {
        const seen = found.get(row.case_number)
        if (!seen || SEARCH_MATCHES.indexOf(match) < SEARCH_MATCHES.indexOf(seen.match)) found.set(row.case_number, { row, match })
      }
    }
    const q = toHalfWidth(query).trim().toUpperCase()
    const want = (group: Exclude<SearchBy, 'auto'>) => by === 'auto' || by === group
    const guessed = guess(query)

    // Case numbers: the whole number or its prefix, and the parts people read off a receipt:
    // the day and number (20261202-0003), the day (20261202), the number alone (0003).
    if (want('caseNumber')) {
      if (/^[A-Z]{2,6}-\d{4,8}(-\d{0,4})?$/.test(q)) {
        if (parseCaseNumber(q)) add(await base().where('v.case_number', '=', q).execute(), 'caseNumber')
        else
          add(
            await base().where('v.case_number', '>=', q).where('v.case_number', '<', `${q}\uffff`).orderBy('v.case_number', 'desc').limit(SEARCH_LIMIT).execute(),
            'caseNumber',
          )
      }
      const dayAndSeq = /^-?(\d{8})-(\d{1,4})$/.exec(q)
      if (dayAndSeq) add(await casesByDaySeq(db, hallDaySchema.parse(dayAndSeq[1]), Number(dayAndSeq[2]), SEARCH_LIMIT), 'caseNumberPart')
      else if (/^\d{8}$/.test(q) && !parsePhone(q).ok) add(await casesByDaySeq(db, hallDaySchema.parse(q), null, SEARCH_LIMIT), 'caseNumberPart')
      const seq = /^-?(\d{1,4})$/.exec(q)
      if (seq && Number(seq[1]) > 0) add(await casesByDaySeq(db, null, Number(seq[1]), SEARCH_LIMIT), 'caseNumberPart')
    }

    // ID numbers: the whole number, or a name with the last digits of the number (张三 0311).
    if (want('idNumber')) {
      const id = parseIdNumber(q)
      if (id.ok) add(await base().where('p.id_number', '=', id.value).orderBy('v.registered_at', 'desc').limit(SEARCH_LIMIT).execute(), 'idNumber')
      else if (by === 'idNumber' && !nameAndTail(q)) throw fieldError('query', `v.idNumber.${id.problem}`)
      const pair = nameAndTail(q)
      if (pair) {
        const named = await byBigrams(pair.name, 'name')
        add(await casesByIdTail(db, named.map((r) => r.id), pair.tail, SEARCH_LIMIT), 'idTailAndName')
      }
    }

    // Phones: the whole number, or its last four digits or more (as the lists show them).
    if (want('phone')) {
      const phone = parsePhone(q)
      if (phone.ok) add(await base().where('v.visitor_phone', '=', phone.value).orderBy('v.registered_at', 'desc').limit(SEARCH_LIMIT).execute(), 'phone')
      else if (/^\d{4,10}$/.test(q)) add(await casesByPhoneTail(db, q, SEARCH_LIMIT), 'phoneTail')
      else if (by === 'phone') throw fieldError('query', 'v.phone.invalid')
    }

    // Names: the visitor's, and the representatives of a group visit.
    const text = query.trim()
    const hasPair = bigramQuery(text) !== null
    const looksLikeText = !/^[\dA-Z\-\s]+$/.test(q)
    if (want('name') && (by === 'name' || (looksLikeText && guessed !== 'idNumber' && guessed !== 'caseNumber'))) {
      if (!hasPair) throw tooShort()
      add(await byBigrams(text, 'name'), 'name')
      if (/^[\p{Script=Han}·]{2,10}$/u.test(text) || /^[A-Za-z][A-Za-z .'-]{1,60}$/.test(text)) add(await casesByRepresentative(db, text, SEARCH_LIMIT), 'representative')
    }

    // Text: a category's name, then the five answers.
    if (want('text') && (by === 'text' || looksLikeText)) {
      if (!hasPair) throw tooShort()
      // 全文 chosen by hand searches the answers only; 自动识别 also tries the category names.
      if (by === 'auto') add(await casesByCategoryName(db, text, SEARCH_LIMIT), 'category')
      add(await byBigrams(text, 'text'), 'text')
    }

    if (by === 'auto' && found.size === 0 && !hasPair && looksLikeText) throw tooShort()
    const ranked = [...found.values()].sort(
      (a, b) => SEARCH_MATCHES.indexOf(a.match) - SEARCH_MATCHES.indexOf(b.match) || b.row.id - a.row.id,
    )
    const rows = ranked.slice(0, SEARCH_LIMIT).map(({ row, match }) => ({ ...toRow(row, today), match }))
    const first = ranked[0]
    return { by: by !== 'auto' ? by : first ? groupOf(first.match) : guessed, rows }
  }

  function base() {
    return caseListQuery(db)
  }

  function tooShort() {
    return new AppError('VALIDATION', 'e.VALIDATION', {}, [{ path: 'query', key: 'v.search.tooShort' }])
  }

  /** 张三 0311, 张三0311 or 0311 张三: a name and the last digits of an ID number. */
  function nameAndTail(q: string): { name: string; tail: string } | null {
    const m = /^([\p{Script=Han}·]{2,10})\s*(\d{2,5}[\dX])$/u.exec(q) ?? /^(\d{2,5}[\dX])\s*([\p{Script=Han}·]{2,10})$/u.exec(q)
    if (!m) return null
    return /^\d/.test(m[1] ?? '') ? { name: m[2] ?? '', tail: m[1] ?? '' } : { name: m[1] ?? '', tail: m[2] ?? '' }
  }

  async function byBigrams(query: string, kind: 'name' | 'text'): Promise<ListRow[]> {
    const ids = matchingVisitIds(db, kind === 'name' ? 'name' : 'answers', query, SEARCH_LIMIT)
    if (ids === null) return []
    return base().where('v.id', 'in', ids).orderBy('v.id', 'desc').execute()
  }

  return { supervision, search }
}

export type CaseLists = ReturnType<typeof createCaseLists>
