import type { Role, Routing } from '../domain'

/** Where a case stands. */
export const CASE_STATUSES = [
  'accepted',
  'assigned',
  'in_progress',
  'extended',
  'closed',
  'followed_up',
  'transferred',
  'rejected',
  'review_requested',
  'reviewed',
  'recheck_requested',
  'rechecked',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** Statuses in which the office still owes the visitor something: they appear on 督办. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['accepted', 'assigned', 'in_progress', 'extended', 'review_requested', 'recheck_requested']

/** Steps that move a case from one status to another. */
export const TRANSITIONS = {
  assign: { from: ['accepted'], to: 'assigned' },
  transfer: { from: ['accepted'], to: 'transferred' },
  reject: { from: ['accepted'], to: 'rejected' },
  start: { from: ['accepted', 'assigned'], to: 'in_progress' },
  extend: { from: ['in_progress'], to: 'extended' },
  close: { from: ['accepted', 'assigned', 'in_progress', 'extended'], to: 'closed' },
  followUp: { from: ['closed'], to: 'followed_up' },
  requestReview: { from: ['closed', 'followed_up'], to: 'review_requested' },
  review: { from: ['review_requested'], to: 'reviewed' },
  requestRecheck: { from: ['reviewed'], to: 'recheck_requested' },
  recheck: { from: ['recheck_requested'], to: 'rechecked' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>
export type TransitionAction = keyof typeof TRANSITIONS

/** Things recorded on a case that do not change its status. */
export const NOTE_ACTIONS = ['plan', 'pause', 'resume', 'leader', 'link', 'note'] as const
export type NoteAction = (typeof NOTE_ACTIONS)[number]
export type CaseAction = TransitionAction | NoteAction

/** Statuses in which a clock can be paused (e.g. for a hearing). */
export const PAUSABLE: readonly CaseStatus[] = ['assigned', 'in_progress', 'extended', 'review_requested', 'recheck_requested']

/** Who may take each step: duty officers move cases along; anyone may record a handling plan. */
export const ACTION_ROLES: Record<CaseAction, readonly Role[]> = {
  assign: ['duty_officer', 'admin'],
  transfer: ['duty_officer', 'admin'],
  reject: ['duty_officer', 'admin'],
  start: ['duty_officer', 'admin'],
  extend: ['duty_officer', 'admin'],
  close: ['duty_officer', 'admin'],
  followUp: ['duty_officer', 'admin'],
  requestReview: ['duty_officer', 'admin'],
  review: ['duty_officer', 'admin'],
  requestRecheck: ['duty_officer', 'admin'],
  recheck: ['duty_officer', 'admin'],
  plan: ['receptionist', 'duty_officer', 'admin'],
  pause: ['duty_officer', 'admin'],
  resume: ['duty_officer', 'admin'],
  leader: ['duty_officer', 'admin'],
  link: ['receptionist', 'duty_officer', 'admin'],
  note: ['receptionist', 'duty_officer', 'admin'],
}

/** The status a case starts in from the routing chosen at registration. */
export function initialStatus(routing: Routing): CaseStatus {
  switch (routing) {
    case 'resolved':
      return 'closed'
    case 'accepted':
      return 'accepted'
    case 'assigned':
      return 'assigned'
    case 'transferred':
      return 'transferred'
    case 'rejected':
      return 'rejected'
  }
}

/** Whether a step may be taken from a status (notes are checked separately). */
export function canTransition(action: TransitionAction, from: CaseStatus): boolean {
  return (TRANSITIONS[action].from as readonly CaseStatus[]).includes(from)
}

export function isTransition(action: CaseAction): action is TransitionAction {
  return Object.prototype.hasOwnProperty.call(TRANSITIONS, action)
}

/** The steps open to a role on a case in a status, for the case page's buttons. */
export function availableActions(status: CaseStatus, role: Role, state: { extended: boolean; paused: boolean }): CaseAction[] {
  const steps = (Object.keys(TRANSITIONS) as TransitionAction[]).filter(
    (a) => canTransition(a, status) && !(a === 'extend' && state.extended) && !(state.paused && a !== 'close'),
  )
  const notes: NoteAction[] = ['plan', 'note', 'link', 'leader']
  if (PAUSABLE.includes(status)) notes.push(state.paused ? 'resume' : 'pause')
  return [...steps, ...notes].filter((a) => ACTION_ROLES[a].includes(role))
}

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const
export type Satisfaction = (typeof SATISFACTION)[number]
