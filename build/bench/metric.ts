import type { Summary } from './measure'

/** One line of the results table. */
export interface Metric {
  name: string
  /** The figure judged against the target, e.g. p99 in ms. */
  value: number
  unit: 'ms' | 's' | 'MiB' | '×' | 'rows' | 'visits/s'
  /** Which statistic `value` is (p50, p95, p99, median, once…). */
  stat: string
  /** The target, as an upper bound, if it sets one. */
  target?: number
  /** The raw baseline measured in the same run, and value ÷ baseline. */
  baseline?: { name: string; value: number }
  ratio?: number
  ratioTarget?: number
  samples?: Summary
  note?: string
}

export function passes(m: Metric): boolean | null {
  if (m.target === undefined && m.ratioTarget === undefined) return null
  const valueOk = m.target === undefined || m.value <= m.target
  const ratioOk = m.ratioTarget === undefined || (m.ratio !== undefined && m.ratio <= m.ratioTarget)
  return valueOk && ratioOk
}
