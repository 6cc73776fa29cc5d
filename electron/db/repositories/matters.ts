import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { z } from 'zod'
import { OPEN_STATUSES } from '../../../shared/cases/machine'
import type { CaseStatus } from '../../../shared/cases/machine'
import { addDays } from '../../../shared/deadlines'
import { codeTable, matterTerms, packPairs, reaches, sharedCodes } from '../../../shared/matters/similarity'
import type { Database } from '../schema'
import { caseListQuery } from './cases'

// The matter index (migrations 0013, 0015): each case open, or closed within the hall's window,
// has one row: its category, how many pairs its text has, and the pairs themselves, packed
// (shared/matters/similarity). A registration writes that one row; a similarity search reads the
// rows of one category, which its key keeps together, and looks each case's codes up in a hash
// table of the text's.

/** A category's cases share the high half of their key: category_id · 2³² + visit_id. */
const CATEGORY_SPAN = 2 ** 32
export const matterDocKey = (categoryId: number, visitId: number): number => categoryId * CATEGORY_SPAN + visitId

const isOpen = (status: CaseStatus) => OPEN_STATUSES.includes(status)
/** SQLite binds a limited number of parameters per statement: rows are written in slices. */
const SLICE = 300

/** Adds one case to the matter index (registration; a case back in the window). */
export async function indexMatterDoc(
  db: Kysely<Database>,
  doc: { visitId: number; categoryId: number; facts: string; demands: string; closedDay: string | null },
): Promise<void> {
  const terms = matterTerms(doc.facts, doc.demands)
  await db
    .insertInto('matter_docs')
    .values({
      doc_key: matterDocKey(doc.categoryId, doc.visitId),
      visit_id: doc.visitId,
      category_id: doc.categoryId,
      terms: terms.length,
      closed_day: doc.closedDay,
      pairs: packPairs(terms),
    })
    .execute()
}

/**
 * Keeps a case's entry in step with its status after a step on it: open cases are compared
 * whatever their age; a closed one from the day it closed until the window ends. A case asked
 * for 复查 after it left the index is indexed again.
 */
export async function syncMatterDoc(db: Kysely<Database>, visitId: number, today: string, recentDays: number): Promise<void> {
  const v = await db
    .selectFrom('visits')
    .select(['id', 'status', 'closed_day', 'category_id', 'facts', 'demands'])
    .where('id', '=', visitId)
    .executeTakeFirst()
  if (v === undefined) return
  const doc = await db.selectFrom('matter_docs').select(['closed_day']).where('visit_id', '=', visitId).executeTakeFirst()
  const closedDay = isOpen(v.status) ? null : (doc?.closed_day ?? v.closed_day ?? today)
  if (doc !== undefined) {
    if (doc.closed_day !== closedDay) await db.updateTable('matter_docs').set({ closed_day: closedDay }).where('visit_id', '=', visitId).execute()
    return
  }
  if (closedDay !== null && closedDay < addDays(today, -recentDays)) return
  await indexMatterDoc(db, { visitId, categoryId: v.category_id, facts: v.facts, demands: v.demands, closedDay })
}

/** Removes the cases that closed before `cutoff` from the index; returns how many. */
export async function pruneMatterIndex(db: Kysely<Database>, cutoff: string): Promise<number> {
  const [removed] = await db.deleteFrom('matter_docs').where('closed_day', '<', cutoff).execute()
  return Number(removed?.numDeletedRows ?? 0)
}

/**
 * The cases of a category whose pairs overlap the text's (Dice) at least as much as the
 * threshold (whole percent), most similar first, then the newest. The category's rows are one
 * range of the key; only those whose size could reach the threshold are compared:
 * 200·shared ≥ p·(n + m) with shared ≤ min(n, m) needs p·n ≤ (200 − p)·m and p·m ≤ (200 − p)·n.
 */
export async function similarVisits(
  db: Kysely<Database>,
  q: { categoryId: number; terms: readonly string[]; cutoff: string; percent: number; limit: number },
): Promise<{ visitId: number; shared: number; terms: number }[]> {
  const n = q.terms.length
  const p = q.percent
  if (n === 0 || p > 100) return []
  let query = db
    .selectFrom('matter_docs')
    .select(['visit_id', 'terms', 'pairs'])
    .where('doc_key', '>', matterDocKey(q.categoryId, 0))
    .where('doc_key', '<', matterDocKey(q.categoryId + 1, 0))
    .where('terms', '>=', Math.max(1, Math.ceil((p * n) / (200 - p))))
    .where((eb) => eb.or([eb('closed_day', 'is', null), eb('closed_day', '>=', q.cutoff)]))
  if (p > 0) query = query.where('terms', '<=', Math.floor(((200 - p) * n) / p))
  const mine = codeTable(q.terms)
  const found: { visitId: number; shared: number; terms: number }[] = []
  for (const r of await query.execute()) {
    const shared = sharedCodes(mine, r.pairs, Math.ceil((p * (n + r.terms)) / 200))
    if (reaches(shared, n, r.terms, p)) found.push({ visitId: r.visit_id, shared, terms: r.terms })
  }
  // Most similar first: a/b > c/d as a·d > c·b, in integers.
  found.sort((a, b) => b.shared * (a.terms + n) - a.shared * (b.terms + n) || b.visitId - a.visitId)
  return found.slice(0, q.limit)
}

const namesSchema = z.array(z.union([z.string(), z.object({ name: z.string() }).transform((r) => r.name)]))

/** The representatives' names of a stored visit (a JSON array of names, or of records with a name). */
export function representativeNames(json: string): string[] {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return []
  }
  const parsed = namesSchema.safeParse(value)
  return parsed.success ? [...new Set(parsed.data.map((n) => n.trim()).filter((n) => n !== ''))] : []
}

export async function insertRepresentatives(db: Kysely<Database>, visitId: number, names: readonly string[]): Promise<void> {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))]
  if (unique.length === 0) return
  await db.insertInto('visit_representatives').values(unique.map((name) => ({ name, visit_id: visitId }))).execute()
}

/** Group visits one of these people represented, newest first. */
export async function visitsRepresentedBy(db: Kysely<Database>, names: readonly string[], limit = 50) {
  if (names.length === 0) return []
  return db
    .selectFrom('visit_representatives as r')
    .innerJoin('visits as v', 'v.id', 'r.visit_id')
    .select(['v.id', 'r.name'])
    .where('r.name', 'in', names)
    .orderBy('v.registered_at', 'desc')
    .limit(limit)
    .execute()
}

/** Earlier visits under the same name with the same phone. */
export async function visitsByNameAndPhone(db: Kysely<Database>, name: string, phone: string, limit = 50) {
  return db
    .selectFrom('visits')
    .select(['id'])
    .where('visitor_phone', '=', phone)
    .where('visitor_name', '=', name)
    .orderBy('registered_at', 'desc')
    .limit(limit)
    .execute()
}

/** Earlier visits under a name, newest first, with the address they gave. */
export async function visitsByName(db: Kysely<Database>, name: string, limit = 200) {
  return db.selectFrom('visits').select(['id', 'visitor_address']).where('visitor_name', '=', name).orderBy('registered_at', 'desc').limit(limit).execute()
}

/** Earlier visits of one visitor (by the visitor's row, found by ID number). */
export async function visitsOfVisitorIds(db: Kysely<Database>, idNumber: string, limit = 50) {
  return db
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .select(['v.id'])
    .where('p.id_number', '=', idNumber)
    .orderBy('v.registered_at', 'desc')
    .limit(limit)
    .execute()
}

/** The first case of each visit's matter: the visit itself unless it was confirmed as a repeat visit. */
export async function mattersOf(db: Kysely<Database>, visitIds: readonly number[]): Promise<Map<number, number>> {
  const roots = new Map<number, number>()
  for (let i = 0; i < visitIds.length; i += SLICE) {
    const rows = await db
      .selectFrom('visits')
      .select(['id', 'matter_visit_id'])
      .where('id', 'in', visitIds.slice(i, i + SLICE))
      .execute()
    for (const r of rows) roots.set(r.id, r.matter_visit_id ?? r.id)
  }
  return roots
}

/** What the desk shows of each matter's first case: a case list's row, and what decides a 同一事项. */
export async function matterCases(db: Kysely<Database>, visitIds: readonly number[]) {
  if (visitIds.length === 0) return []
  return caseListQuery(db)
    .select((eb) => [
      'v.no_further_acceptance',
      'v.demands',
      'v.routing_body',
      eb
        .selectFrom('case_events as e')
        .select(sql<string | null>`max(e.day)`.as('d'))
        .whereRef('e.visit_id', '=', 'v.id')
        .where('e.action', '=', 'recheck')
        .as('rechecked_on'),
    ])
    .where('v.id', 'in', visitIds)
    .execute()
}

/** A case by number with its matter's first case id. */
export async function findMatterCase(db: Kysely<Database>, caseNumber: string) {
  return db.selectFrom('visits').select(['id', 'matter_visit_id', 'case_number']).where('case_number', '=', caseNumber).executeTakeFirst()
}

export async function insertDecision(
  db: Kysely<Database>,
  d: { intakeId: string; userId: number; candidateVisitId: number; decision: 'same' | 'different'; reasons: readonly string[]; at: string },
): Promise<void> {
  await db
    .insertInto('matter_decisions')
    .values({ intake_id: d.intakeId, user_id: d.userId, candidate_visit_id: d.candidateVisitId, decision: d.decision, reasons: JSON.stringify(d.reasons), at: d.at, visit_id: null })
    .execute()
}

/** The latest decision on each candidate of one reception. */
export async function decisionsOfIntake(db: Kysely<Database>, intakeId: string): Promise<Map<number, 'same' | 'different'>> {
  const rows = await db
    .selectFrom('matter_decisions')
    .select(['candidate_visit_id', 'decision'])
    .where('intake_id', '=', intakeId)
    .orderBy('id')
    .execute()
  return new Map(rows.map((r) => [r.candidate_visit_id, r.decision]))
}

/** Once the reception is registered, its decisions belong to the new visit too. */
export async function linkDecisions(db: Kysely<Database>, intakeId: string, visitId: number): Promise<void> {
  await db.updateTable('matter_decisions').set({ visit_id: visitId }).where('intake_id', '=', intakeId).where('visit_id', 'is', null).execute()
}

/** The decisions recorded for a registered visit, oldest first. */
export async function decisionsOfVisit(db: Kysely<Database>, visitId: number) {
  return db
    .selectFrom('matter_decisions as d')
    .innerJoin('visits as c', 'c.id', 'd.candidate_visit_id')
    .select(['d.decision', 'd.reasons', 'd.at', 'd.user_id', 'c.case_number'])
    .where('d.visit_id', '=', visitId)
    .orderBy('d.id')
    .execute()
}

/** Repeat visits recorded on each of these matters. */
export async function repeatCounts(db: Kysely<Database>, visitIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  for (let i = 0; i < visitIds.length; i += SLICE) {
    const rows = await db
      .selectFrom('visits')
      .select(['matter_visit_id', sql<number>`count(*)`.as('n')])
      .where('matter_visit_id', 'in', visitIds.slice(i, i + SLICE))
      .groupBy('matter_visit_id')
      .execute()
    for (const r of rows) if (r.matter_visit_id !== null) out.set(r.matter_visit_id, Number(r.n))
  }
  return out
}
