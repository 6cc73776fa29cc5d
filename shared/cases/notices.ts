import type { NoticeKind, Routing } from '../domain'
import { NOTICE_KINDS } from '../domain'

/** What decides which notices (告知书) a case can be given. */
export interface NoticeFacts {
  routing: Routing
  /** The case has a handling clock (it was accepted by the office or a unit). */
  handled: boolean
  unitName: string | null
  extensionDays: number | null
  result: string | null
  /** The timeline's step names, in order ('register' first). */
  actions: readonly string[]
}

/** Whether the step a notice tells of has been taken, so the notice can be issued. */
export function noticeAvailable(f: NoticeFacts, kind: NoticeKind): boolean {
  switch (kind) {
    case 'accepted':
      return f.handled
    case 'rejected':
      return f.routing === 'rejected'
    case 'transferred':
      return f.routing === 'transferred'
    case 'assigned':
      return f.unitName !== null
    case 'extended':
      return f.extensionDays !== null
    case 'closed':
      return f.result !== null
    case 'reviewed':
      return f.actions.includes('review')
    case 'rechecked':
      return f.actions.includes('recheck')
  }
}

/** The notice each step owes the visitor; registration owes the one of its routing. */
const STEP_NOTICES: Readonly<Record<string, NoticeKind>> = {
  assign: 'assigned',
  transfer: 'transferred',
  reject: 'rejected',
  extend: 'extended',
  close: 'closed',
  review: 'reviewed',
  recheck: 'rechecked',
}
const ROUTING_NOTICES: Readonly<Record<Routing, NoticeKind>> = {
  accepted: 'accepted',
  assigned: 'assigned',
  transferred: 'transferred',
  rejected: 'rejected',
  resolved: 'closed',
}

/**
 * The notices a case can be given (in the regulation's order) and the one that fits the step
 * just taken: the latest step that owes one (a step owing none, such as 开始办理 or a note,
 * leaves the last one offered).
 */
export function caseNotices(f: NoticeFacts): { suggested: NoticeKind | null; available: NoticeKind[] } {
  const available = NOTICE_KINDS.filter((k) => noticeAvailable(f, k))
  let suggested: NoticeKind | null = null
  for (const action of f.actions) {
    // The routing is the case's current one; a later 交办/转送/不予受理 step names the same notice.
    const kind = action === 'register' ? ROUTING_NOTICES[f.routing] : STEP_NOTICES[action]
    if (kind !== undefined && available.includes(kind)) suggested = kind
  }
  return { suggested, available }
}
