// Longer than most files: the racing registrations, their inputs and the raw-SQL baseline they
// are measured against stay together, so the two sides of the ratio cannot drift apart.
import { createHash } from 'node:crypto'
import type { Routing } from '../../shared/domain'
import { ROUTINGS_NEEDING_BODY } from '../../shared/domain'
import type { IntakeInput } from '../../shared/intake/schemas'
import { emptyIntake } from '../../shared/intake/schemas'
import { BASELINE_DAY, must } from './common'
import { fastBigrams } from './fast-bigrams'
import { Faker } from './fake'
import { interleave } from './measure'
import type { StatementPlan } from './plans'
import { capturePlans } from './plans'
import type { Metric } from './metric'
import { Random, cumulative } from './random'
import type { BenchContext } from './read-scenarios'
import { VISIT_COLUMNS } from './writer'

const ROUTINGS: readonly Routing[] = ['resolved', 'accepted', 'assigned', 'transferred', 'rejected']
const ROUTING_WEIGHTS = cumulative([30, 30, 25, 10, 5])

/** A complete intake of realistic length for a visitor never seen before. */
export function newIntake(f: Faker, r: Random, idNumber: string, shownAt: string): IntakeInput {
  const routing = r.weighted(ROUTINGS, ROUTING_WEIGHTS)
  const needsBody = ROUTINGS_NEEDING_BODY.includes(routing)
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  const year = 2026
  return {
    ...emptyIntake(),
    shows: { badge: true, name: true, position: true },
    showsConfirmedAt: shownAt,
    visitor: {
      name: f.name(),
      noId: false,
      idNumber,
      noIdReason: '',
      phone: f.phone(),
      address: f.address(),
    },
    answers: {
      facts: answer(f.answer('facts', year)),
      demands: answer(f.answer('demands', year)),
      difficulties: answer(f.answer('difficulties', year)),
      history: answer(f.answer('history', year, '首次来访。')),
      priorHandling: answer(f.answer('priorHandling', year)),
    },
    categoryId: r.int(1, 20),
    routing,
    routingBody: needsBody ? '市人民法院' : '',
    routingContact: needsBody ? '市人民法院立案庭，电话 027-12368' : '',
    routingReason: needsBody ? '该事项属于诉讼程序，已告知信访人向法院提出' : routing === 'resolved' ? '当场解释相关政策，来访人表示理解' : '',
    unitId: routing === 'assigned' ? r.int(1, 8) : 0,
  }
}

export interface RegisterClock {
  advance: (ms: number) => void
  now: () => Date
}

/**
 * intake.register through the dispatcher (validation, one transaction, audit row, due dates),
 * interleaved with two raw baselines on the same connection and pragmas: prepared statements
 * writing the same rows in one transaction (sequence, visitor, visit, event, search entry, audit
 * row, with the same lookups), which the ratio is taken against, and the visitor and visit rows
 * alone, the floor of any registration.
 */
export async function register(
  ctx: BenchContext,
  clock: RegisterClock,
  iterations: number,
  /** The app's housekeeping step, run between registrations and timed on its own. */
  maintenance: () => void,
): Promise<Metric[]> {
  const { raw } = ctx
  const random = new Random(Date.now() >>> 0)
  const faker = new Faker(random, {
    facts: [],
    demands: [],
    difficulties: [],
    history: [],
    priorHandling: [],
  })
  const known = raw.prepare('SELECT 1 FROM visitors WHERE id_number = ?').pluck()
  const freshId = (region: string) => {
    for (;;) {
      const id = faker.idNumber(region)
      if (known.get(id) === undefined) return id
    }
  }
  const total = iterations + 20
  const shownAt = () => new Date(clock.now().getTime() - 60_000).toISOString()
  const inputs = Array.from({ length: total }, () => newIntake(faker, random, freshId('530102'), shownAt()))
  const baselineInputs = Array.from({ length: total }, () =>
    newIntake(faker, random, freshId('530103'), shownAt()),
  )
  const fullInputs = Array.from({ length: total }, () =>
    newIntake(faker, random, freshId('530104'), shownAt()),
  )
  const user = raw
    .prepare("SELECT id, badge_no, name, position FROM users WHERE badge_no = 'R001'")
    .get() as { id: number; badge_no: string; name: string; position: string }

  const insertVisitor = raw.prepare(
    'INSERT INTO visitors (id_number, name, birth_date, sex, phone, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const insertVisit = raw.prepare(
    `INSERT INTO visits (${VISIT_COLUMNS.join(', ')}) VALUES (${VISIT_COLUMNS.map(() => '?').join(', ')})`,
  )
  const visitValues = (input: IntakeInput, hallDay: string, seq: number, visitorId: number, iso: string) => {
    const a = input.answers
    const row: Record<string, unknown> = {
      case_number: `ZZ-${hallDay}-${String(seq).padStart(4, '0')}`,
      hall_day: hallDay,
      day_seq: seq,
      visitor_id: visitorId,
      visitor_name: input.visitor.name,
      visitor_phone: input.visitor.phone,
      visitor_address: input.visitor.address,
      kind: input.kind,
      headcount: 1,
      representatives: '[]',
      category_id: input.categoryId,
      routing: input.routing,
      facts: a.facts.text,
      demands: a.demands.text,
      difficulties: a.difficulties.text,
      history: a.history.text,
      prior_handling: a.priorHandling.text,
      receptionist_id: user.id,
      shown_badge_no: user.badge_no,
      shown_name: user.name,
      shown_position: user.position,
      shows_confirmed_at: input.showsConfirmedAt,
      registered_at: iso,
      status: input.routing === 'resolved' ? 'closed' : input.routing,
      clock_start: '2099-12-31',
      // The service computes these before the insert and stores them with the row.
      due_date: '2100-03-01',
      notice_due: '2100-01-15',
      clock_paused: 0,
      no_further_acceptance: 0,
    }
    return VISIT_COLUMNS.map((c) => row[c] ?? null)
  }
  const nextSeq = (day: string) =>
    ((raw
      .prepare('SELECT coalesce(max(day_seq), 0) FROM visits WHERE hall_day = ?')
      .pluck()
      .get(day) as number) ?? 0) + 1
  let baselineSeq = nextSeq(BASELINE_DAY)
  const baseline = raw.transaction((input: IntakeInput, iso: string) => {
    const id = input.visitor.idNumber
    const visitorId = Number(
      insertVisitor.run(
        id,
        input.visitor.name,
        `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        'male',
        input.visitor.phone,
        input.visitor.address,
        iso,
        iso,
      ).lastInsertRowid,
    )
    insertVisit.run(visitValues(input, BASELINE_DAY, baselineSeq++, visitorId, iso))
  })

  // The statements of intake.register's transaction, prepared and run directly.
  const s = {
    sequence: raw
      .prepare(
        'INSERT INTO case_sequences (hall_day, last_seq) VALUES (?, 1) ON CONFLICT (hall_day) DO UPDATE SET last_seq = case_sequences.last_seq + 1 RETURNING last_seq',
      )
      .pluck(),
    category: raw.prepare('SELECT id, name FROM categories WHERE id = ? AND retired = 0'),
    visitor: raw.prepare('SELECT * FROM visitors WHERE id_number = ?'),
    event: raw.prepare(
      "INSERT INTO case_events (visit_id, at, day, user_id, action, from_status, to_status, note, data) VALUES (?, ?, '2099-12-30', ?, 'register', NULL, ?, '', ?)",
    ),
    search: raw.prepare('INSERT INTO visit_search (rowid, name, answers) VALUES (?, ?, ?)'),
    draft: raw.prepare('DELETE FROM drafts WHERE user_id = ?'),
    lastHash: raw.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck(),
    audit: raw.prepare(
      'INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  }
  const full = raw.transaction((input: IntakeInput, iso: string) => {
    const seq = s.sequence.get('20991230') as number
    s.category.get(input.categoryId)
    const id = input.visitor.idNumber
    s.visitor.get(id)
    const visitorId = Number(
      insertVisitor.run(
        id,
        input.visitor.name,
        `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
        'male',
        input.visitor.phone,
        input.visitor.address,
        iso,
        iso,
      ).lastInsertRowid,
    )
    const values = visitValues(input, '20991230', seq + 10_000, visitorId, iso)
    const visitId = Number(insertVisit.run(values).lastInsertRowid)
    s.event.run(visitId, iso, user.id, input.routing, JSON.stringify({ routing: input.routing }))
    const a = input.answers
    s.search.run(
      visitId,
      fastBigrams(input.visitor.name),
      fastBigrams(
        [a.facts.text, a.demands.text, a.difficulties.text, a.history.text, a.priorHandling.text].join('\n'),
      ),
    )
    s.draft.run(user.id)
    const prev = s.lastHash.get() as string
    const detail = JSON.stringify({
      kind: 'individual',
      headcount: 1,
      categoryId: input.categoryId,
      routing: input.routing,
    })
    const hash = createHash('sha256')
      .update(JSON.stringify([prev, iso, user.id, 'intake.register', 'visit', values[0], detail]))
      .digest('hex')
    s.audit.run(iso, user.id, 'intake.register', 'visit', values[0], detail, prev, hash)
  })

  const caseNumbers: string[] = []
  const results = await interleave(
    {
      service: async (i) => {
        clock.advance(100)
        const r = await must(ctx.core, ctx.desk, 'intake.register', inputs[i] as IntakeInput)
        caseNumbers.push(r.caseNumber)
      },
      raw: (i) => baseline(baselineInputs[i] as IntakeInput, clock.now().toISOString()),
      rawFull: (i) => full(fullInputs[i] as IntakeInput, clock.now().toISOString()),
      maintenance: () => maintenance(),
    },
    { warmup: 20, iterations },
  )
  ctx.checks.firstRegisteredCase = caseNumbers[0] ?? ''
  const { service, raw: base, rawFull, maintenance: housekeeping } = results.wall
  const cpu = results.cpu
  const same = 'raw prepared statements, same rows'
  const metrics: Metric[] = [
    {
      name: 'register (intake.register) p50',
      value: service.p50,
      unit: 'ms',
      stat: 'p50',
      baseline: { name: same, value: rawFull.p50 },
      ratio: service.p50 / rawFull.p50,
      ratioTarget: 3,
      samples: service,
      note: `against the visitor and visit rows alone: ${base.p50.toFixed(2)} ms, ${(service.p50 / base.p50).toFixed(2)}×`,
    },
    {
      name: 'register (intake.register) p99',
      value: service.p99,
      unit: 'ms',
      stat: 'p99',
      target: 5,
      baseline: { name: same, value: rawFull.p99 },
      ratio: service.p99 / rawFull.p99,
      ratioTarget: 3,
      samples: service,
      note: `against the visitor and visit rows alone: ${base.p99.toFixed(2)} ms, ${(service.p99 / base.p99).toFixed(2)}×; on-CPU time p50 ${cpu.service.p50.toFixed(2)} ms, p99 ${cpu.service.p99.toFixed(2)} ms (same rows raw: ${cpu.rawFull.p50.toFixed(2)} / ${cpu.rawFull.p99.toFixed(2)} ms)`,
    },
    {
      name: 'raw INSERT of the visitor and visit rows alone',
      value: base.p99,
      unit: 'ms',
      stat: 'p99',
      samples: base,
      note: `p50 ${base.p50.toFixed(2)} ms, max ${base.max.toFixed(2)} ms (no target: the floor of any registration)`,
    },
  ]
  metrics.push({
    name: 'the maintenance between registrations',
    value: housekeeping.p99,
    unit: 'ms',
    stat: 'p99',
    samples: housekeeping,
    note: `p50 ${housekeeping.p50.toFixed(2)} ms, max ${housekeeping.max.toFixed(2)} ms, outside the register call`,
  })
  return metrics
}

/** Registrations with every statement timed (the commit among them), for the breakdown. */
export async function registerStatements(
  ctx: BenchContext,
  clock: RegisterClock,
  n: number,
): Promise<StatementPlan[]> {
  const random = new Random((Date.now() + 1) >>> 0)
  const faker = new Faker(random, {
    facts: [],
    demands: [],
    difficulties: [],
    history: [],
    priorHandling: [],
  })
  const shownAt = new Date(clock.now().getTime() - 60_000).toISOString()
  const inputs = Array.from({ length: n }, () => newIntake(faker, random, faker.idNumber('530105'), shownAt))
  return capturePlans(ctx.core.connection, async () => {
    for (const input of inputs) {
      clock.advance(100)
      await must(ctx.core, ctx.desk, 'intake.register', input)
    }
  })
}
