import { cpus, loadavg, release, totalmem, type as osType } from 'node:os'
import type { Metric } from './metric'
import { passes } from './metric'

export function machine() {
  const list = cpus()
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cpuCount: list.length,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  }
}

function format(value: number, unit: Metric['unit']): string {
  if (!Number.isFinite(value)) return '—'
  const digits =
    unit === 'ms' ? (value < 10 ? 2 : value < 100 ? 1 : 0) : unit === '×' ? 2 : unit === 's' ? 2 : 0
  const text = value.toFixed(digits)
  return unit === '×' ? `${text}×` : `${text} ${unit}`
}

/** The results as a plain-text table. */
export function table(metrics: readonly Metric[]): string {
  const rows = metrics.map((m) => {
    const pass = passes(m)
    const target = [
      m.target === undefined ? '' : `≤ ${format(m.target, m.unit)}`,
      m.ratioTarget === undefined ? '' : `ratio ≤ ${m.ratioTarget}`,
    ]
      .filter((x) => x !== '')
      .join(', ')
    return [
      m.name,
      `${format(m.value, m.unit)} ${m.stat}`,
      target,
      m.baseline === undefined ? '' : `${format(m.baseline.value, m.unit)} (${m.baseline.name})`,
      m.ratio === undefined ? '' : format(m.ratio, '×'),
      pass === null ? '' : pass ? 'pass' : 'FAIL',
    ]
  })
  const header = ['metric', 'value', 'target', 'baseline', 'ratio', 'result']
  const width = (s: string) =>
    Array.from(s).reduce(
      (w, c) =>
        w +
        (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
          c,
        )
          ? 2
          : 1),
      0,
    )
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) =>
    cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join(' | ')
  const notes = metrics.filter((m) => m.note !== undefined).map((m) => `  · ${m.name}: ${m.note ?? ''}`)
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line), '', ...notes].join(
    '\n',
  )
}
