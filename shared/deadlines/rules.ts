import { z } from 'zod'
import type { PeriodUnit } from './periods'

/** The statutory periods of the 信访工作条例 (2022), in days; a hall may change them in settings. */
export type DeadlineRules = {
  /** 转送 or 交办 a registered matter, from registration. */
  transferOrAssign: number
  /** Written notice to the visitor of how the matter is handled, from registration or receipt. */
  writtenNotice: number
  /** A receiving unit objects that a case is outside its competence, from receipt (working days). */
  competenceObjection: number
  /** 办理, from acceptance (受理). */
  handling: number
  /** The longest extension (延期) of the handling period, once, from its end. */
  extensionMax: number
  /** 复查 request, from the written reply. */
  reviewRequest: number
  /** 复查 opinion, from the request. */
  reviewOpinion: number
  /** 复核 request, from the review opinion. */
  recheckRequest: number
  /** 复核 opinion, from the request. */
  recheckOpinion: number
}

/** The regulation's periods, the defaults of every hall. */
export const DEFAULT_DEADLINE_RULES: Readonly<DeadlineRules> = {
  transferOrAssign: 15,
  writtenNotice: 15,
  competenceObjection: 5,
  handling: 60,
  extensionMax: 30,
  reviewRequest: 30,
  reviewOpinion: 30,
  recheckRequest: 30,
  recheckOpinion: 30,
}

/** How each period is counted: only the competence objection runs in working days. */
export const DEADLINE_UNITS: Readonly<Record<keyof DeadlineRules, PeriodUnit>> = {
  transferOrAssign: 'calendar',
  writtenNotice: 'calendar',
  competenceObjection: 'working',
  handling: 'calendar',
  extensionMax: 'calendar',
  reviewRequest: 'calendar',
  reviewOpinion: 'calendar',
  recheckRequest: 'calendar',
  recheckOpinion: 'calendar',
}

const period = z.int('v.deadlines.days').min(1, 'v.deadlines.days').max(365, 'v.deadlines.days')
/** 信访工作条例 (2022): the handling period may be extended once, by at most 30 days; no hall setting raises it. */
export const EXTENSION_CAP_DAYS = 30

const extension = z
  .int('v.deadlines.extensionDays')
  .min(1, 'v.deadlines.extensionDays')
  .max(EXTENSION_CAP_DAYS, 'v.deadlines.extensionCap')

/** A hall's periods as saved in settings: whole days, 1–365 (the extension 1–30, the regulation's cap). */
export const deadlineRulesSchema = z.strictObject({
  transferOrAssign: period,
  writtenNotice: period,
  competenceObjection: period,
  handling: period,
  extensionMax: extension,
  reviewRequest: period,
  reviewOpinion: period,
  recheckRequest: period,
  recheckOpinion: period,
}) satisfies z.ZodType<DeadlineRules, DeadlineRules>
