/**
 * The last closing day whose case has kept its personal data for `months` full months by
 * `today` (hall days, YYYY-MM-DD): the same day of the month, `months` earlier; a day the earlier
 * month does not have (31 August − 6 months) is its last day (28 or 29 February).
 */
export function retentionCutoff(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) - months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}
