import type { Kysely } from 'kysely'
import type { Draft } from '../../../shared/intake/types'
import type { Database } from '../../db/schema'
import { deleteDraft, getDraft, saveDraft } from '../../db/repositories/drafts'

/** The intake form in progress, kept on the main side so a crash or reload loses nothing. */
export function createDrafts(db: Kysely<Database>) {
  return {
    async get(userId: number): Promise<Draft | null> {
      const row = await getDraft(db, userId)
      if (row === undefined) return null
      return { values: JSON.parse(row.payload) as unknown, step: row.step, updatedAt: row.updated_at }
    },
    async save(userId: number, values: unknown, step: number, now: Date): Promise<{ updatedAt: string }> {
      const updatedAt = now.toISOString()
      await saveDraft(db, { user_id: userId, payload: JSON.stringify(values), step, updated_at: updatedAt })
      return { updatedAt }
    },
    async discard(userId: number): Promise<void> {
      await deleteDraft(db, userId)
    },
  }
}

export type Drafts = ReturnType<typeof createDrafts>
