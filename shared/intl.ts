const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * One `Intl.DateTimeFormat` per locale and options, made once and reused: making one costs
 * tens of microseconds, using it a few (`npm run bench` measured it on the register path).
 * The keys are the few formats the app uses times the hall's time zone, so the map stays small.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`
  let format = formatters.get(key)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, format)
  }
  return format
}
