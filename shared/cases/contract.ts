import { z } from 'zod'
import { method, none } from '../rpc/method'
import { everyone, officers } from '../rpc/roles'
import { caseActSchema, caseNumberSchema, leaderReceptionSchema, revealSchema, searchSchema, supervisionSchema } from './schemas'
import type { CaseDetail, LeaderReception, SearchResult, SupervisionView } from './types'

/** The cases slice of the RPC contract. */
export const casesContract = {
  'cases.get': method<CaseDetail>()(z.strictObject({ caseNumber: caseNumberSchema }), everyone),
  // Each step names its own roles (shared/cases/machine.ts); the service checks them.
  'cases.act': method<CaseDetail>()(caseActSchema, everyone),
  // The reason is kept in the audit trail (PIPL): who saw the full ID number and phone, and why.
  'cases.revealIdentity': method<{ idNumber: string | null; phone: string | null }>()(revealSchema, officers),
  'cases.supervision': method<SupervisionView>()(supervisionSchema, everyone),
  'cases.search': method<SearchResult>()(searchSchema, everyone),
  'leaders.record': method<LeaderReception>()(leaderReceptionSchema, officers),
  'leaders.list': method<LeaderReception[]>()(none, everyone),
} as const
