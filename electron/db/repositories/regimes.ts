import type { Kysely, Transaction } from 'kysely'
import type { DeadlineRules, HolidayEntry } from '../../../shared/deadlines'
import type { Database, VisitTable } from '../schema'

/** A deadline regime: the rules and holiday calendar that were in force before a change. */
export async function findRegime(db: Kysely<Database>, id: number): Promise<{ rules: string; holidays: string } | undefined> {
  return db.selectFrom('deadline_regimes').select(['rules', 'holidays']).where('id', '=', id).executeTakeFirst()
}

/** Keeps the rules and calendar about to be replaced; returns its id (the next after the highest). */
export async function insertRegime(trx: Transaction<Database>, rules: DeadlineRules, holidays: readonly HolidayEntry[], at: string): Promise<number> {
  const top = await trx.selectFrom('deadline_regimes').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst()
  const id = Number(top?.m ?? 0) + 1
  await trx
    .insertInto('deadline_regimes')
    .values({ id, rules: JSON.stringify(rules), holidays: JSON.stringify(holidays), replaced_at: at })
    .execute()
  return id
}

type Status = VisitTable['status']

/**
 * Pins the cases that follow the hall's current rules to the regime kept before a change; with
 * `openStatuses`, the open ones are left to follow the new rules.
 */
export async function pinCurrentCases(trx: Transaction<Database>, regimeId: number, exceptStatuses: readonly Status[]): Promise<void> {
  let q = trx.updateTable('visits').set({ regime_id: regimeId }).where('regime_id', 'is', null)
  if (exceptStatuses.length > 0) q = q.where('status', 'not in', exceptStatuses)
  await q.execute()
}

/** The open cases pinned to an earlier regime follow the hall's current rules again. */
export async function unpinCases(trx: Transaction<Database>, statuses: readonly Status[]): Promise<void> {
  await trx.updateTable('visits').set({ regime_id: null }).where('status', 'in', statuses).where('regime_id', 'is not', null).execute()
}
