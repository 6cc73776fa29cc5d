/** The hall's local clock time of an instant, e.g. 14:05, for messages such as a lock's end. */
export function hallClockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}

/** The hall-local calendar day of an instant, as YYYY-MM-DD (the deadline engine's days). */
export function hallDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}
