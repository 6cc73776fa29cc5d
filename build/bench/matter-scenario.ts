import { OPEN_STATUSES } from '../../shared/cases/machine'
import { addDays } from '../../shared/deadlines'
import { dicePercent, matterTerms, reaches } from '../../shared/matters/similarity'
import { must } from './common'
import { time } from './measure'
import type { Metric } from './metric'
import type { BenchContext } from './read-scenarios'

const INTAKE_ID = 'bench-intake-0001'
const QUERIES = 40

interface Query {
  categoryId: number
  name: string
  facts: string
  demands: string
}

/**
 * 同一事项 at intake (issue #16): the candidates of a visitor retelling an earlier open case
 * (the first two thirds of its facts, all of its demands), through the dispatcher, while the
 * receptionist types. The baseline, measured in the same run, is the same comparison without
 * the matter index: every case of the category read from visits, its pairs compared in
 * JavaScript. The check: both find the same best similarity and the same number of cases.
 */
export async function matterCandidates(ctx: BenchContext): Promise<Metric[]> {
  const { raw, meta } = ctx
  const today = meta.today
  const threshold = raw.prepare('SELECT matter_similarity FROM hall').pluck().get() as number
  const recentDays = raw.prepare('SELECT matter_recent_days FROM hall').pluck().get() as number
  const cutoff = addDays(today, -recentDays)
  const openDocs = raw.prepare('SELECT count(*) FROM matter_docs WHERE closed_day IS NULL').pluck().get() as number
  const docs = raw.prepare('SELECT count(*) FROM matter_docs').pluck().get() as number
  // Open cases spread over the index: every k-th.
  const picked = raw
    .prepare(
      `SELECT v.category_id AS categoryId, v.visitor_name AS name, v.facts, v.demands FROM matter_docs d JOIN visits v ON v.id = d.visit_id
       WHERE d.closed_day IS NULL AND d.visit_id % ? = 0 ORDER BY d.visit_id LIMIT ?`,
    )
    .all(Math.max(1, Math.floor(openDocs / QUERIES)), QUERIES) as Query[]
  const queries = picked.map((q) => ({ ...q, facts: q.facts.slice(0, Math.ceil((q.facts.length * 2) / 3)) }))
  if (queries.length === 0) throw new Error('no open case in the matter index')
  const input = (q: Query, withName: boolean) => ({
    intakeId: INTAKE_ID,
    name: withName ? q.name : '',
    noId: true,
    idNumber: '',
    phone: '',
    address: '',
    representatives: [],
    categoryId: q.categoryId,
    facts: q.facts,
    demands: q.demands,
  })
  const at = (i: number) => queries[i % queries.length] as Query

  // Without the index: the category's open and recently closed cases, compared one by one.
  const scan = raw.prepare(
    `SELECT id, facts, demands FROM visits WHERE category_id = ?
     AND (status IN (${OPEN_STATUSES.map(() => '?').join(', ')}) OR coalesce(closed_day, substr(hall_day, 1, 4) || '-' || substr(hall_day, 5, 2) || '-' || substr(hall_day, 7, 2)) >= ?)`,
  )
  const naive = (q: Query) => {
    const mine = matterTerms(q.facts, q.demands)
    const hits: number[] = []
    for (const r of scan.iterate(q.categoryId, ...OPEN_STATUSES, cutoff) as Iterable<{ facts: string; demands: string }>) {
      const theirs = new Set(matterTerms(r.facts, r.demands))
      let shared = 0
      for (const p of mine) if (theirs.has(p)) shared += 1
      if (reaches(shared, mine.length, theirs.size, threshold)) hits.push(dicePercent(shared, mine.length, theirs.size))
    }
    return hits.sort((a, b) => b - a)
  }

  let agree = 0
  for (let i = 0; i < Math.min(5, queries.length); i++) {
    const q = at(i)
    const found = await must(ctx.core, ctx.desk, 'matters.candidates', input(q, false))
    const expected = naive(q)
    const best = found.candidates[0]?.reasons.find((r) => r.kind === 'text')
    if (found.candidates.length === Math.min(10, expected.length) && (best?.kind === 'text' ? best.similarity : -1) === (expected[0] ?? -1)) agree += 1
  }
  ctx.checks['matter candidates: index agrees with the scan (5 queries)'] = agree === Math.min(5, queries.length)

  const s = await time((i) => must(ctx.core, ctx.desk, 'matters.candidates', input(at(i), false)), { warmup: 10, iterations: 200 })
  const named = await time((i) => must(ctx.core, ctx.desk, 'matters.candidates', input(at(i), true)), { warmup: 10, iterations: 200 })
  const base = await time((i) => naive(at(i)), { warmup: 1, iterations: 20, budgetMs: 20_000, minimum: 3 })
  const sample = await must(ctx.core, ctx.desk, 'matters.candidates', input(at(0), false))
  return [
    {
      name: `同一事项 candidates by text (matters.candidates, ${docs} cases indexed, ${openDocs} open; ${sample.candidates.length} listed for the first query)`,
      value: s.p95,
      unit: 'ms',
      stat: 'p95',
      target: 100,
      baseline: { name: 'the category scanned without the index, p95', value: base.p95 },
      ratio: s.p95 / base.p95,
      samples: s,
      note: `p50 ${s.p50.toFixed(2)} ms; scan p50 ${base.p50.toFixed(1)} ms (${base.n} runs); threshold ${threshold}%, window ${recentDays} days`,
    },
    {
      name: '同一事项 candidates by name and text (matters.candidates)',
      value: named.p95,
      unit: 'ms',
      stat: 'p95',
      target: 100,
      baseline: { name: 'the category scanned without the index, p95', value: base.p95 },
      ratio: named.p95 / base.p95,
      samples: named,
      note: `p50 ${named.p50.toFixed(2)} ms`,
    },
  ]
}
