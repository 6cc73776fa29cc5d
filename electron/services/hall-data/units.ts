import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { UnitRow } from '../../../shared/hall-data/types'
import type { categoryUpdateSchema, unitNameSchema, unitUpdateSchema } from '../../../shared/hall-data/schemas'
import { change } from '../../../shared/live/changes'
import { AppError, fieldError } from '../../errors'
import type { Database } from '../../db/schema'
import { insertUnit, listUnits, unitNameTaken, updateUnit } from '../../db/repositories/units'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'

type Table = 'units' | 'categories'

/**
 * Two lists an administrator keeps: responsible units and demand categories. A retired unit or
 * category stays on the cases that used it.
 */
export function createUnitLists(db: Kysely<Database>, announce: Announce) {
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

  async function add(ctx: CallContext, table: Table, { name }: z.output<typeof unitNameSchema>): Promise<UnitRow> {
    const { user, now } = signedIn(ctx)
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

  async function update(ctx: CallContext, table: Table, input: z.output<typeof unitUpdateSchema>): Promise<UnitRow> {
    const { user, now } = signedIn(ctx)
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

  return {
    units: {
      list: (_ctx: CallContext, input: { includeRetired: boolean }) => list('units', input.includeRetired),
      add: (ctx: CallContext, input: z.output<typeof unitNameSchema>) => add(ctx, 'units', input),
      update: (ctx: CallContext, input: z.output<typeof unitUpdateSchema>) => update(ctx, 'units', input),
    },
    categories: {
      /** The administrator's list, retired ones included (the intake form's is categories.list). */
      listAll: () => list('categories', true),
      add: (ctx: CallContext, input: z.output<typeof unitNameSchema>) => add(ctx, 'categories', input),
      update: (ctx: CallContext, input: z.output<typeof categoryUpdateSchema>) => update(ctx, 'categories', input),
    },
  }
}

export type UnitLists = ReturnType<typeof createUnitLists>
