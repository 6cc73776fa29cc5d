import { method, none } from '../rpc/method'
import { everyone } from '../rpc/roles'
import { draftSchema, idLookupSchema, intakeSchema } from './schemas'
import type { Category, Draft, RegisterResult, TodayLogRow, VisitorHistory } from './types'

/** The intake slice of the RPC contract. */
export const intakeContract = {
  'categories.list': method<Category[]>()(none, everyone),
  'intake.register': method<RegisterResult>()(intakeSchema, everyone),
  'intake.history': method<VisitorHistory>()(idLookupSchema, everyone),
  'visits.today': method<TodayLogRow[]>()(none, everyone),
  'drafts.get': method<Draft | null>()(none, everyone, { desk: true }),
  'drafts.save': method<{ updatedAt: string }>()(draftSchema, everyone, { desk: true }),
  'drafts.discard': method<null>()(none, everyone, { desk: true }),
} as const
