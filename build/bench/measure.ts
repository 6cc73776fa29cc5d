/** Latencies of one operation, in milliseconds. */
export interface Summary {
  n: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const sum = sorted.reduce((a, b) => a + b, 0)
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sum / sorted.length,
  }
}

export interface TimingPlan {
  warmup: number
  iterations: number
  /** Stop early (after at least `minimum` runs) once this much time was spent timing. */
  budgetMs?: number
  minimum?: number
}

/** Runs `fn` `warmup` times untimed, then times each of `iterations` runs with performance.now. */
export async function time(fn: (i: number) => unknown, plan: TimingPlan): Promise<Summary> {
  for (let i = 0; i < plan.warmup; i++) await fn(i)
  const samples: number[] = []
  let spent = 0
  for (let i = 0; i < plan.iterations; i++) {
    const t = performance.now()
    await fn(plan.warmup + i)
    const ms = performance.now() - t
    samples.push(ms)
    spent += ms
    if (plan.budgetMs !== undefined && spent > plan.budgetMs && samples.length >= (plan.minimum ?? 3)) break
  }
  return summarize(samples)
}

/** Wall-clock and on-CPU time (user + system, this process) of each operation. */
export interface Interleaved<K extends string> {
  wall: Record<K, Summary>
  cpu: Record<K, Summary>
}

/**
 * Times several operations in turn, one run of each per round, so that drift (WAL growth,
 * checkpoints, other load on the machine) hits them alike. CPU time excludes waiting for the
 * disk or for a core taken by another process.
 */
export async function interleave<K extends string>(
  fns: Record<K, (i: number) => unknown>,
  plan: TimingPlan,
): Promise<Interleaved<K>> {
  const keys = Object.keys(fns) as K[]
  const wall = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>
  const cpu = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>
  for (let i = 0; i < plan.warmup + plan.iterations; i++) {
    for (const k of keys) {
      const c = process.cpuUsage()
      const t = performance.now()
      await fns[k](i)
      const ms = performance.now() - t
      const used = process.cpuUsage(c)
      if (i < plan.warmup) continue
      wall[k].push(ms)
      cpu[k].push((used.user + used.system) / 1000)
    }
  }
  const all = (samples: Record<K, number[]>) =>
    Object.fromEntries(keys.map((k) => [k, summarize(samples[k])])) as Record<K, Summary>
  return { wall: all(wall), cpu: all(cpu) }
}
