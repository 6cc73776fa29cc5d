import { z } from 'zod'

/**
 * What a committed change touched. Ids are case numbers for `visit`, `case` and `receipt`, row ids
 * for the rest; `null` means "any of them" (a recomputation of every open case, a restore).
 */
export const CHANGE_TOPICS = [
  // A registration: a new visit (and its case) in today's log, the visitor's history, 督办, statistics.
  'visit',
  // A step on a case, or its due dates recomputed.
  'case',
  'receipt',
  'leader',
  'settings',
  'user',
  'unit',
  'category',
  'holiday',
  'backup',
] as const

export type ChangeTopic = (typeof CHANGE_TOPICS)[number]

/** Above this many ids a change names its topic only: PostgreSQL's NOTIFY payload is small. */
export const MAX_CHANGE_IDS = 100

export const changeSchema = z.strictObject({
  topic: z.enum(CHANGE_TOPICS),
  ids: z.array(z.string().max(64)).max(MAX_CHANGE_IDS).nullable(),
})

export type Change = z.infer<typeof changeSchema>

/**
 * What the main process tells its pages: the changes of one commit, or `resync` when it may have
 * missed some (the hall database's connection came back) and every page re-reads.
 */
export const liveEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('changes'), changes: z.array(changeSchema).min(1) }),
  z.strictObject({ kind: z.literal('resync') }),
])

export type LiveEvent = z.infer<typeof liveEventSchema>

/** A change of these ids, or of the whole topic when there are too many to name. */
export function change(topic: ChangeTopic, ids: readonly (string | number)[] | null): Change {
  if (ids === null) return { topic, ids: null }
  const unique = [...new Set(ids.map(String))]
  return { topic, ids: unique.length > MAX_CHANGE_IDS ? null : unique }
}
