import type pg from 'pg'
import type { Core } from '../../electron/core'
import { matterDocKey } from '../../electron/db/repositories/matters'
import { addDays } from '../../shared/deadlines'
import { codeTable, dicePercent, matterTerms, reaches, sharedCodes } from '../../shared/matters/similarity'
import type { GenerationMeta } from './common'
import { must } from './common'
import { time } from './measure'
import type { Metric } from './metric'

const QUERIES = 40

/**
 * 同一事项 at intake on the hall's database (issue #16), as on SQLite (matter-scenario.ts): a
 * visitor retelling an earlier open case, through a desk's dispatcher. The baseline, on the same
 * server in the same run: the raw SELECT of the rows the desk compares (the category's cases in
 * the window whose size can reach the threshold), so the ratio is what the rest of the call costs.
 * The check: the desk's best similarity is the one computed here from those rows.
 */
export async function matterCandidatesPostgres(
  desk: { core: Core; session: string },
  raw: pg.Client,
  meta: GenerationMeta,
  checks: Record<string, string | number | boolean>,
): Promise<Metric[]> {
  const hall = (await raw.query<{ p: number; days: number }>('SELECT matter_similarity AS p, matter_recent_days AS days FROM hall')).rows[0]
  if (hall === undefined) throw new Error('no hall')
  const cutoff = addDays(meta.today, -hall.days)
  const counts = (await raw.query<{ open: string; all: string }>('SELECT count(*) FILTER (WHERE closed_day IS NULL) AS open, count(*) AS all FROM matter_docs')).rows[0]
  const open = Number(counts?.open ?? 0)
  const picked = (
    await raw.query<{ category_id: number; facts: string; demands: string }>(
      'SELECT v.category_id, v.facts, v.demands FROM matter_docs d JOIN visits v ON v.id = d.visit_id WHERE d.closed_day IS NULL AND d.visit_id % $1 = 0 ORDER BY d.visit_id LIMIT $2',
      [Math.max(1, Math.floor(open / QUERIES)), QUERIES],
    )
  ).rows.map((q) => ({ categoryId: q.category_id, facts: q.facts.slice(0, Math.ceil((q.facts.length * 2) / 3)), demands: q.demands }))
  if (picked.length === 0) throw new Error('no open case in the matter index')
  const at = (i: number) => picked[i % picked.length] ?? picked[0]!
  const input = (q: (typeof picked)[number]) => ({ intakeId: 'bench-intake-0001', name: '', noId: true, idNumber: '', phone: '', address: '', representatives: [], ...q })
  const p = hall.p
  // similarVisits (repositories/matters.ts), written out.
  const rows = (q: (typeof picked)[number]) => {
    const n = matterTerms(q.facts, q.demands).length
    return raw.query<{ visit_id: number; terms: number; pairs: Buffer }>({
      name: 'bench-matter-docs',
      text: 'SELECT visit_id, terms, pairs FROM matter_docs WHERE doc_key > $1 AND doc_key < $5 AND terms >= $2 AND (closed_day IS NULL OR closed_day >= $3) AND terms <= $4',
      values: [matterDocKey(q.categoryId, 0), Math.max(1, Math.ceil((p * n) / (200 - p))), cutoff, Math.floor(((200 - p) * n) / Math.max(1, p)), matterDocKey(q.categoryId + 1, 0)],
    })
  }

  let agree = 0
  let read = 0
  for (let i = 0; i < Math.min(5, picked.length); i++) {
    const q = at(i)
    const mine = matterTerms(q.facts, q.demands)
    const codes = codeTable(mine)
    const result = (await rows(q)).rows
    read += result.length
    const best = Math.max(-1, ...result.filter((r) => reaches(sharedCodes(codes, r.pairs), mine.length, r.terms, p)).map((r) => dicePercent(sharedCodes(codes, r.pairs), mine.length, r.terms)))
    const found = await must(desk.core, desk.session, 'matters.candidates', input(q))
    const top = Math.max(-1, ...found.candidates.flatMap((c) => c.reasons.flatMap((r) => (r.kind === 'text' ? [r.similarity] : []))))
    if (top === best) agree += 1
  }
  checks['matter candidates: the desk\'s best similarity = the raw rows\' (5 queries)'] = agree === Math.min(5, picked.length)
  const s = await time((i) => must(desk.core, desk.session, 'matters.candidates', input(at(i))), { warmup: 10, iterations: 200 })
  const base = await time((i) => rows(at(i)), { warmup: 10, iterations: 200 })
  return [
    {
      name: `同一事项 candidates by text (matters.candidates, ${counts?.all ?? 0} cases indexed, ${open} open; about ${Math.round(read / Math.min(5, picked.length))} compared per query)`,
      value: s.p95,
      unit: 'ms',
      stat: 'p95',
      target: 100,
      baseline: { name: 'the rows it compares, raw SELECT, p95', value: base.p95 },
      ratio: s.p95 / base.p95,
      samples: s,
      note: `p50 ${s.p50.toFixed(2)} ms; raw p50 ${base.p50.toFixed(2)} ms; threshold ${p}%, window ${hall.days} days`,
    },
  ]
}
