import type { Kysely } from 'kysely'
import { addDays } from '../../../shared/deadlines'
import { parseIdNumber } from '../../../shared/id-number'
import { matterScore, sortReasons } from '../../../shared/matters/ranking'
import type { MatterCandidatesInput, MatterDecisionInput } from '../../../shared/matters/schemas'
import { MIN_MATTER_TERMS, dice, dicePercent, matterTerms } from '../../../shared/matters/similarity'
import type { MatterCandidate, MatterCandidates, MatterReason } from '../../../shared/matters/types'
import { parsePhone } from '../../../shared/phone'
import { toBigrams } from '../../../shared/search/bigrams'
import { summarize, toHalfWidth } from '../../../shared/text'
import { hallDate } from '../../../shared/time'
import type { AppError } from '../../errors'
import { fieldError } from '../../errors'
import type { Database, Hall } from '../../db/schema'
import { caseSummary } from '../../db/repositories/cases'
import {
  decisionsOfIntake,
  findMatterCase,
  insertDecision,
  matterCases,
  mattersOf,
  pruneMatterIndex,
  similarVisits,
  visitsByName,
  visitsByNameAndPhone,
  visitsOfVisitorIds,
  visitsRepresentedBy,
} from '../../db/repositories/matters'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import type { Privacy } from '../privacy/privacy'

const MAX_CANDIDATES = 10
const TEXT_LIMIT = 20

const normalName = (name: string) => toHalfWidth(name).replace(/\s+/g, '')
const normalAddress = (address: string) => toHalfWidth(address).replace(/[\s\p{P}]+/gu, '')

/** Two addresses as people type them: the same after spaces and punctuation, one inside the other, or nearly the same characters. */
export function sameAddress(a: string, b: string): boolean {
  const x = normalAddress(a)
  const y = normalAddress(b)
  if (x.length < 4 || y.length < 4) return false
  if (x === y) return true
  if (Math.min(x.length, y.length) >= 6 && (x.includes(y) || y.includes(x))) return true
  const pairs = (s: string) => new Set(toBigrams(s).split(' '))
  const px = pairs(x)
  const py = pairs(y)
  let shared = 0
  for (const p of px) if (py.has(p)) shared += 1
  return dice(shared, px.size, py.size) >= 0.8
}

/**
 * Matter-level duplicates (issue #16): earlier cases that may be the same matter, each with its
 * reasons, for a person to confirm or reject. Nothing here links a visit to a case by itself.
 */
export function createMatters(db: Kysely<Database>, privacy: Privacy) {
  let prunedOn = ''

  /** Removes the cases that left the text window from the index, once per hall day. */
  async function prune(hall: Hall, now: Date): Promise<void> {
    const today = hallDate(now, hall.time_zone)
    if (prunedOn === today) return
    prunedOn = today
    await db.transaction().execute((trx) => pruneMatterIndex(trx, addDays(today, -hall.matter_recent_days)))
  }

  /** The candidates for the reception being typed; a lookup by full ID number is recorded, as intake.history's is. */
  async function candidates(ctx: CallContext, input: MatterCandidatesInput): Promise<MatterCandidates> {
    const { user, hall, now } = signedIn(ctx)
    const { idLookedUp, ...found } = await find(hall, input, now)
    if (idLookedUp) await privacy.idLookup(user, input.idNumber, 'matters.candidates', found.candidates.filter((c) => c.reasons.some((r) => r.kind === 'idNumber')).length, now)
    return found
  }

  async function find(hall: Hall, input: MatterCandidatesInput, now: Date): Promise<MatterCandidates & { idLookedUp: boolean }> {
    await prune(hall, now)
    const today = hallDate(now, hall.time_zone)
    const found = new Map<number, MatterReason[]>()
    const add = (visitIds: readonly number[], reason: (visitId: number) => MatterReason, roots: Map<number, number>) => {
      for (const id of visitIds) {
        const root = roots.get(id) ?? id
        const list = found.get(root) ?? []
        const r = reason(id)
        const same = list.findIndex((x) => x.kind === r.kind)
        if (same < 0) list.push(r)
        else if (r.kind === 'text' && list[same]?.kind === 'text' && r.similarity > list[same].similarity) list[same] = r
        found.set(root, list)
      }
    }
    const name = normalName(input.name)
    let idLookedUp = false

    if (!input.noId) {
      const id = parseIdNumber(input.idNumber, now)
      if (id.ok) {
        idLookedUp = true
        const ids = (await visitsOfVisitorIds(db, id.value)).map((r) => r.id)
        add(ids, () => ({ kind: 'idNumber' }), await mattersOf(db, ids))
      }
    }
    const phone = input.phone === '' ? null : parsePhone(input.phone)
    if (name !== '' && phone !== null && phone.ok) {
      const ids = (await visitsByNameAndPhone(db, name, phone.value)).map((r) => r.id)
      add(ids, () => ({ kind: 'namePhone' }), await mattersOf(db, ids))
    }
    if (name !== '' && normalAddress(input.address).length >= 4) {
      const ids = (await visitsByName(db, name)).filter((r) => sameAddress(r.visitor_address, input.address)).map((r) => r.id)
      add(ids, () => ({ kind: 'nameAddress' }), await mattersOf(db, ids))
    }
    const people = [...new Set([name, ...input.representatives.map(normalName)].filter((n) => n !== ''))]
    if (people.length > 0) {
      const rows = await visitsRepresentedBy(db, people)
      const byVisit = new Map(rows.map((r) => [r.id, r.name]))
      const ids = [...byVisit.keys()]
      add(ids, (id) => ({ kind: 'representative', name: byVisit.get(id) ?? '' }), await mattersOf(db, ids))
    }
    const terms = matterTerms(input.facts, input.demands)
    const textCompared = input.categoryId > 0 && terms.length >= MIN_MATTER_TERMS
    if (textCompared) {
      const similar = await similarVisits(db, {
        categoryId: input.categoryId,
        terms,
        cutoff: addDays(today, -hall.matter_recent_days),
        percent: hall.matter_similarity,
        limit: TEXT_LIMIT,
      })
      const percent = new Map(similar.map((s) => [s.visitId, dicePercent(s.shared, s.terms, terms.length)]))
      const ids = [...percent.keys()]
      add(ids, (id) => ({ kind: 'text', similarity: percent.get(id) ?? 0 }), await mattersOf(db, ids))
    }

    const decisions = await decisionsOfIntake(db, input.intakeId)
    // A matter confirmed for this reception stays on the list while the desk keeps typing.
    for (const [id, decision] of decisions) if (decision === 'same' && !found.has(id)) found.set(id, [])
    // 不是同一事项 is not offered again for this reception.
    const roots = [...found.keys()].filter((id) => decisions.get(id) !== 'different')
    const rows = await matterCases(db, roots)
    const list: MatterCandidate[] = rows.map((r) => {
      const reasons = sortReasons(found.get(r.id) ?? [])
      return {
        ...caseSummary(r),
        noFurtherAcceptance: r.no_further_acceptance === 1,
        recheckedOn: r.rechecked_on ?? null,
        demands: summarize(r.demands, 60),
        reasons,
        score: matterScore(reasons),
        confirmed: decisions.get(r.id) === 'same',
      }
    })
    list.sort((a, b) => b.score - a.score || b.registeredAt.localeCompare(a.registeredAt))
    return { candidates: list.slice(0, MAX_CANDIDATES), threshold: hall.matter_similarity, textCompared, idLookedUp }
  }

  /** 同一事项 / 不是同一事项: recorded with the reasons shown, and in the audit trail. */
  async function decide(ctx: CallContext, input: MatterDecisionInput): Promise<null> {
    const { user, now } = signedIn(ctx)
    await db.transaction().execute(async (trx) => {
      const c = await findMatterCase(trx, input.caseNumber)
      if (c === undefined) throw fieldError('caseNumber', 'v.matter.unknown')
      const root = c.matter_visit_id ?? c.id
      const rootNumber = root === c.id ? c.case_number : ((await matterCases(trx, [root]))[0]?.case_number ?? c.case_number)
      await insertDecision(trx, { intakeId: input.intakeId, userId: user.id, candidateVisitId: root, decision: input.decision, reasons: input.reasons, at: now.toISOString() })
      await appendAudit(trx, now, {
        userId: user.id,
        action: 'matter.decide',
        entity: 'visit',
        entityId: rootNumber,
        detail: { decision: input.decision, reasons: input.reasons, intakeId: input.intakeId },
      })
    })
    return null
  }

  return { candidates, decide, prune }
}

export type Matters = ReturnType<typeof createMatters>

/** Refused: a matter that has been through 复核 is not accepted again (信访工作条例). */
export function noFurtherError(caseNumber: string): AppError {
  return fieldError('routing', 'v.matter.noFurther', { caseNumber })
}
