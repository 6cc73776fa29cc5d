import { method } from '../rpc/method'
import { everyone } from '../rpc/roles'
import { matterCandidatesSchema, matterDecisionSchema } from './schemas'
import type { MatterCandidates } from './types'

/** The matters slice of the RPC contract. */
export const mattersContract = {
  // 同一事项 (issue #16): earlier cases that may be the same matter, and the receptionist's decision on one.
  'matters.candidates': method<MatterCandidates>()(matterCandidatesSchema, everyone),
  'matters.decide': method<null>()(matterDecisionSchema, everyone),
} as const
