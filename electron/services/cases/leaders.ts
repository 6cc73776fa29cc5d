import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { leaderReceptionSchema } from '../../../shared/cases/schemas'
import { AppError } from '../../errors'
import type { Database } from '../../db/schema'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'
import type { LeaderReception } from '../../../shared/cases/types'

/** What the 领导接访 list shows: the wire type. */
export type LeaderReceptionView = LeaderReception

const LIST_LIMIT = 100

/** 领导接访: a leader's reception day and the cases received that day. */
export function createLeaders(db: Kysely<Database>, announce: Announce) {
  async function record(ctx: CallContext, input: z.output<typeof leaderReceptionSchema>): Promise<LeaderReceptionView> {
    const { user, now } = signedIn(ctx)
    const recorded = await db.transaction().execute(async (trx) => {
      const visits = input.caseNumbers.length === 0 ? [] : await trx.selectFrom('visits').select(['id', 'case_number']).where('case_number', 'in', input.caseNumbers).execute()
      const missing = input.caseNumbers.filter((n) => !visits.some((v) => v.case_number === n))
      if (missing.length > 0) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber: missing.join('、') })
      const { id } = await trx
        .insertInto('leader_receptions')
        .values({ day: input.day, leader_name: input.leaderName, leader_title: input.leaderTitle, note: input.note, created_by: user.id, created_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const v of visits) await trx.insertInto('leader_reception_cases').values({ reception_id: id, visit_id: v.id }).execute()
      await appendAudit(trx, now, { userId: user.id, action: 'leader.reception', entity: 'leader_reception', entityId: String(id), detail: { day: input.day, leader: input.leaderName, cases: input.caseNumbers } })
      return { id, day: input.day, leaderName: input.leaderName, leaderTitle: input.leaderTitle, note: input.note, caseNumbers: visits.map((v) => v.case_number) }
    })
    // The case pages list the leader receptions they were part of.
    announce(change('leader', [recorded.id]), ...(recorded.caseNumbers.length > 0 ? [change('case', recorded.caseNumbers)] : []))
    return recorded
  }

  /** The latest receptions, newest day first. */
  async function list(): Promise<LeaderReceptionView[]> {
    const rows = await db.selectFrom('leader_receptions').selectAll().orderBy('day', 'desc').orderBy('id', 'desc').limit(LIST_LIMIT).execute()
    const links = rows.length === 0 ? [] : await db
      .selectFrom('leader_reception_cases as lc')
      .innerJoin('visits as v', 'v.id', 'lc.visit_id')
      .select(['lc.reception_id', 'v.case_number'])
      .where('lc.reception_id', 'in', rows.map((r) => r.id))
      .execute()
    return rows.map((r) => ({
      id: r.id,
      day: r.day,
      leaderName: r.leader_name,
      leaderTitle: r.leader_title,
      note: r.note,
      caseNumbers: links.filter((l) => l.reception_id === r.id).map((l) => l.case_number),
    }))
  }

  return { record, list }
}

export type Leaders = ReturnType<typeof createLeaders>
