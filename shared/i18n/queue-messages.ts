import type { SameKeys } from './translate'

/** The queue's refusals, mounted at `e.queue` (zh-CN first). */
export const queueErrorsZhCN = {
  dayFull: '该类型今日号码已取完（每类每天最多 999 个），请联系导引台。',
  notWaiting: '{{number}} 已不在等候中（可能已被其他窗口叫走），请刷新。',
  noTicket: '找不到这个号码；号码每天重新开始，请刷新。',
  notCalledHere: '{{number}} 不是 {{window}}号窗口正在接待的号码，请刷新。',
  notSkipped: '{{number}} 未过号，无需回来排队。',
  returnTooLate: '{{number}} 过号已超过 {{minutes}} 分钟，请重新取号。',
  rateOwnOnly: '只能为本人登记的案件记录当场评价。',
  alreadyRated: '案件 {{caseNumber}} 已有当场评价，不能重复评价。',
} as const

export const queueErrorsEn: SameKeys<typeof queueErrorsZhCN> = {
  dayFull: 'Today’s numbers of this kind are used up (999 per kind a day); ask the guide desk.',
  notWaiting: '{{number}} is no longer waiting (another window may have called it); refresh.',
  noTicket: 'This number cannot be found; numbers restart every day. Refresh.',
  notCalledHere: '{{number}} is not the number window {{window}} is serving; refresh.',
  notSkipped: '{{number}} was not skipped and need not rejoin.',
  returnTooLate: '{{number}} was skipped more than {{minutes}} minutes ago; take a new number.',
  rateOwnOnly: 'Only the receptionist who registered a case records its on-the-spot rating.',
  alreadyRated: 'Case {{caseNumber}} already has an on-the-spot rating.',
}

/** The queue's field messages, mounted at `v.queue`. */
export const queueFieldsZhCN = {
  ticket: '号码不正确，请刷新。',
  window: '请填写窗口号（1–99）。',
  kind: '请选择来访类型。',
  reason: '请写明指定叫号的原因。',
  rating: '请选择满意、基本满意或不满意。',
  sameWindow: '请选择另一个窗口。',
  priorityCap: '请填写 1–20 之间的整数。',
  skipMinutes: '请填写 0–240 之间的分钟数。',
  serviceMinutes: '请填写 1–240 之间的分钟数。',
  voice: '请选择叫号声音。',
} as const

export const queueFieldsEn: SameKeys<typeof queueFieldsZhCN> = {
  ticket: 'The number is not valid; refresh.',
  window: 'Enter the window number (1–99).',
  kind: 'Choose the kind of visit.',
  reason: 'Give the reason for calling out of order.',
  rating: 'Choose satisfied, mostly satisfied or dissatisfied.',
  sameWindow: 'Choose another window.',
  priorityCap: 'Enter a whole number from 1 to 20.',
  skipMinutes: 'Enter minutes from 0 to 240.',
  serviceMinutes: 'Enter minutes from 1 to 240.',
  voice: 'Choose the call sound.',
}
