import { z } from 'zod'

/** postgres://USER:PASSWORD@HOST:PORT/DATABASE (or postgresql://), with a host and a database. */
function isHallUrl(text: string): boolean {
  if (!/^postgres(ql)?:\/\//i.test(text)) return false
  try {
    const url = new URL(text)
    return url.hostname !== '' && url.pathname.length > 1
  } catch {
    return false
  }
}

/** 迁移到大厅数据库: the empty PostgreSQL database the desk's hall moves into. */
export const hallMoveStartSchema = z.strictObject({
  url: z
    .string('v.text')
    .trim()
    .min(1, 'v.required')
    .max(2000, 'v.tooLong')
    .refine(isHallUrl, 'v.hallMove.url'),
})

export const hallMoveJobSchema = z.strictObject({ id: z.string('v.text').regex(/^[0-9a-f]{24}$/, 'v.hallMove.job') })
