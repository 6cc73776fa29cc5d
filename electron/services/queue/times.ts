/** Minutes between two ISO instants, or null when either is missing. */
export function minutesBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null
  return (Date.parse(to) - Date.parse(from)) / 60_000
}

/** The mean of the spans in minutes, rounded to one decimal; null with none. */
export function averageMinutes(spans: readonly (readonly [string | null, string | null])[]): number | null {
  const values = spans.map(([a, b]) => minutesBetween(a, b)).filter((m): m is number => m !== null && m >= 0)
  if (values.length === 0) return null
  return Math.round((values.reduce((s, m) => s + m, 0) / values.length) * 10) / 10
}
