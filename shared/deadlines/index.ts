export {
  addDays,
  diffDays,
  isIsoDate,
  isRestDay,
  isWorkingDay,
  makeCalendar,
  nextWorkingDay,
  weekday,
  writtenDate,
} from './calendar'
export type { HolidayCalendar, HolidayEntry } from './calendar'
export { DUE_SOON_DAYS, addCalendarPeriod, addWorkingPeriod, clockStatus, daysLeft, dueDate } from './periods'
export type { Clock, ClockStatus, DueDate, Pause, PeriodUnit } from './periods'
export { DEADLINE_UNITS, DEFAULT_DEADLINE_RULES, EXTENSION_CAP_DAYS, deadlineRulesSchema } from './rules'
export type { DeadlineRules } from './rules'
export { ESTIMATED_YEARS, NATIONAL_HOLIDAYS, nationalCalendar } from './national-holidays'
