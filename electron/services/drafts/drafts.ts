import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { draftSchema } from '../../../shared/intake/schemas'
import type { Draft } from '../../../shared/intake/types'
import type { Database } from '../../db/schema'
import { deleteDraft, getDraft, saveDraft } from '../../db/repositories/drafts'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'

/** The user's draft as drafts.get returns it (the crash harness reads it straight from the file). */
export async function draftOf(db: Kysely<Database>, userId: number): Promise<Draft | null> {
  const row = await getDraft(db, userId)
  if (row === undefined) return null
  return { values: JSON.parse(row.payload) as unknown, step: row.step, updatedAt: row.updated_at }
}

/** The intake form in progress, kept on the main side so a crash or reload loses nothing. */
export function createDrafts(db: Kysely<Database>) {
  function get(ctx: CallContext): Promise<Draft | null> {
    return draftOf(db, signedIn(ctx).user.id)
  }

  async function save(ctx: CallContext, input: z.output<typeof draftSchema>): Promise<{ updatedAt: string }> {
    const { user, now } = signedIn(ctx)
    const updatedAt = now.toISOString()
    await saveDraft(db, { user_id: user.id, payload: JSON.stringify(input.values), step: input.step, updated_at: updatedAt })
    return { updatedAt }
  }

  async function discard(ctx: CallContext): Promise<null> {
    await deleteDraft(db, signedIn(ctx).user.id)
    return null
  }

  return { get, save, discard }
}

export type Drafts = ReturnType<typeof createDrafts>
