// Longer than most files: the PostgreSQL run's stages and their raw-SQL baselines on the same
// server stay together, so the two sides of each ratio cannot drift apart.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type pg from 'pg'
import type { Core } from '../../electron/core'
import { openCore } from '../../electron/core'
import type { KeyStore } from '../../electron/services/keys/key-store'
import { fileKeyStore } from '../../electron/services/keys/key-store'
import { hallDayOf } from '../../shared/days'
import type { IsoDay } from '../../shared/days'
import type { IntakeInput } from '../../shared/intake/schemas'
import type { LiveEvent } from '../../shared/live/changes'
import { bigramRuns, toBigrams } from '../../shared/search/bigrams'
import type { GenerationMeta } from './common'
import { ADMIN, RECEPTIONIST_PASSWORD, SCRYPT_N, hallInstant, must } from './common'
import { Faker } from './fake'
import { matterCandidatesPostgres } from './matter-postgres'
import type { Summary } from './measure'
import { summarize, time } from './measure'
import type { Metric } from './metric'
import { rawClient } from './postgres-seed'
import { SCAN_RUNS, SEARCH_RUNS, searchMetric } from './read-scenarios'
import { Random } from './random'
import { newIntake } from './register-scenario'
import { VISIT_COLUMNS } from './writer'

const ANSWERS = ['facts', 'demands', 'difficulties', 'history', 'prior_handling']
const DESKS = 4
/** The hall day the raw baseline's registrations are numbered on: far off, in nothing the bench reads. */
const RAW_DAY = '20991230'

export interface PostgresRun {
  url: string
  schema: string
  /** The generated SQLite hall's folder: its secret is the hall's (every desk of a hall is given it). */
  dataDir: string
  meta: GenerationMeta
  registrations: number
}

interface Desk {
  core: Core
  session: string
  dir: string
}

const ms = (s: Summary, key: 'p50' | 'p95' | 'p99') => `${s[key].toFixed(2)} ms`

/**
 * The bench on the hall's PostgreSQL database (issue #10): four desk cores on one schema, as four
 * windows of a hall, and a fifth that only watches, each with its own pool and LISTEN connection.
 * Every figure is taken through the dispatcher of a desk core and set beside raw SQL on the same
 * server, in the same run.
 */
export async function runPostgres(run: PostgresRun): Promise<{ metrics: Metric[]; checks: Record<string, string | number | boolean> }> {
  const { url, schema, meta } = run
  const secret = fileKeyStore(run.dataDir).load()
  if (secret === null) throw new Error('the generated hall has no secret')
  const keyStore: KeyStore = { load: () => secret, save: () => undefined }
  const raw = await rawClient(url, schema)
  const checks: Record<string, string | number | boolean> = {}
  const metrics: Metric[] = []
  const desks: Desk[] = []
  try {
    // The hall's clock: today at 17:30; the server numbers registrations by it (testClockOffsetMs).
    let now = hallInstant(meta.today, 17, 30)
    const clock = () => new Date(now)
    const open = async (i: number, badgeNo: string): Promise<Desk> => {
      const dir = mkdtempSync(join(tmpdir(), 'intake-desk-bench-desk-'))
      const core = await openCore({
        dataDir: dir,
        clock,
        scryptN: SCRYPT_N,
        database: url,
        testSchema: schema,
        testClockOffsetMs: () => now - Date.now(),
        keyStore,
        desk: `${i}号窗口`,
        log: () => undefined,
      })
      const desk = { core, session: `desk-${i}`, dir }
      desks.push(desk)
      await must(core, desk.session, 'auth.signIn', { badgeNo, password: RECEPTIONIST_PASSWORD })
      return desk
    }
    const opened = performance.now()
    const first = await open(1, 'R001')
    const openMs = performance.now() - opened
    metrics.push({ name: 'open a desk on the hall database (openCore: checks, migrations, holidays, due dates)', value: openMs, unit: 'ms', stat: 'first', target: 2000 })
    await must(first.core, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })

    metrics.push(...(await todayLog(first, raw, meta, checks)))
    metrics.push(...(await yearStatistics(first, raw, meta, checks)))
    metrics.push(...(await search(first, raw, meta, checks)))
    metrics.push(...(await matterCandidatesPostgres(first, raw, meta, checks)))

    // Registrations on a hall day of their own, the first after every registered one (as on SQLite).
    const { rows } = await raw.query<{ day: string }>('SELECT max(hall_day) AS day FROM visits WHERE hall_day < $1', [RAW_DAY.slice(0, 4)])
    const lastDay = rows[0]?.day ?? hallDayOf(meta.today as IsoDay)
    now = hallInstant(lastDay.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'), 8, 30) + 86_400_000
    await must(first.core, first.session, 'auth.signIn', { badgeNo: 'R001', password: RECEPTIONIST_PASSWORD })
    const others = [await open(2, 'R002'), await open(3, 'R003'), await open(4, 'R004')]
    const watcher = await open(5, 'R005')
    metrics.push(...(await racingRegistrations([first, ...others], watcher, raw, url, schema, run.registrations, (ms) => (now += ms), checks)))
  } finally {
    for (const desk of desks) {
      await desk.core.close()
      rmSync(desk.dir, { recursive: true, force: true })
    }
    await raw.end()
  }
  return { metrics, checks }
}

async function todayLog(desk: Desk, raw: pg.Client, meta: GenerationMeta, checks: Record<string, string | number | boolean>): Promise<Metric[]> {
  const rows = await must(desk.core, desk.session, 'visits.today', {})
  checks.todayRows = rows.length
  checks.todayRowsAsGenerated = rows.length === meta.todayVisits
  // listVisitsOfDay (repositories/visits.ts), written out.
  const statement = {
    name: 'bench-today',
    text: `SELECT v.case_number, v.registered_at, v.visitor_name, (SELECT p.id_number FROM visitors p WHERE p.id = v.visitor_id) AS id_number, v.kind, v.headcount, v.routing, c.name AS category, u.name AS receptionist, v.receptionist_id
           FROM visits v JOIN categories c ON c.id = v.category_id JOIN users u ON u.id = v.receptionist_id
           WHERE v.hall_day = $1 ORDER BY v.day_seq DESC`,
    values: [hallDayOf(meta.today as IsoDay)],
  }
  const s = await time(() => must(desk.core, desk.session, 'visits.today', {}), { warmup: 5, iterations: 40 })
  const base = await time(() => raw.query(statement), { warmup: 5, iterations: 40 })
  return [
    {
      name: `today's log (visits.today, ${rows.length} rows)`,
      value: s.p95,
      unit: 'ms',
      stat: 'p95',
      target: 50,
      baseline: { name: 'the same SELECT, raw', value: base.p95 },
      ratio: s.p95 / base.p95,
      samples: s,
      note: `p50 ${ms(s, 'p50')}; raw p50 ${ms(base, 'p50')}`,
    },
  ]
}

async function yearStatistics(desk: Desk, raw: pg.Client, meta: GenerationMeta, checks: Record<string, string | number | boolean>): Promise<Metric[]> {
  const period = { from: meta.lastYear.from, to: meta.today }
  const stats = await must(desk.core, 'admin', 'reports.statistics', period)
  checks.yearBatches = stats.batches
  const from = hallDayOf(period.from as IsoDay)
  const to = hallDayOf(period.to as IsoDay)
  // The two widest of the eight aggregates the service runs: per day and per category.
  const base = await time(
    () =>
      Promise.all([
        raw.query({ name: 'bench-stat-day', text: 'SELECT hall_day, count(*), sum(headcount) FROM visits WHERE hall_day BETWEEN $1 AND $2 GROUP BY hall_day', values: [from, to] }),
        raw.query({ name: 'bench-stat-category', text: 'SELECT c.id, count(*), sum(v.headcount) FROM visits v JOIN categories c ON c.id = v.category_id WHERE v.hall_day BETWEEN $1 AND $2 GROUP BY c.id', values: [from, to] }),
      ]),
    { warmup: 2, iterations: 7 },
  )
  const s = await time(() => must(desk.core, 'admin', 'reports.statistics', period), { warmup: 2, iterations: 7 })
  return [
    {
      name: `statistics over a year (reports.statistics, ${stats.batches} visits)`,
      value: s.p50,
      unit: 'ms',
      stat: 'median',
      target: 300,
      baseline: { name: 'raw GROUP BY day and category, median', value: base.p50 },
      ratio: s.p50 / base.p50,
      samples: s,
      note: 'the service runs eight aggregates (days, categories, units, receptionists, routings, closing, 回访, matters); the baseline two of them',
    },
  ]
}

async function search(desk: Desk, raw: pg.Client, meta: GenerationMeta, checks: Record<string, string | number | boolean>): Promise<Metric[]> {
  const out: Metric[] = []
  const likeWhere = ANSWERS.map((a, i) => `${a} LIKE $${i + 1}`).join(' OR ')
  for (const { label, term } of meta.terms) {
    const runs = bigramRuns(term) ?? []
    const pairs = [...new Set(runs.flat())]
    const adjacent = runs.map((run) => `% ${run.join(' ')} %`)
    // matchingVisitIds (repositories/cases.ts) on PostgreSQL, written out: the GIN index's candidates
    // newest first, then the adjacency of each longer run, checked only until the LIMIT.
    const where = `string_to_array(answers, ' ') @> $1::text[] AND ${adjacent.map((_, i) => `(' ' || answers || ' ') LIKE $${i + 2}`).join(' AND ')}`
    const phrases = runs.filter((run) => run.length > 1).map((run) => `% ${run.join(' ')} %`)
    const candidates = `(SELECT visit_id FROM visit_search WHERE string_to_array(answers, ' ') @> $1::text[] ORDER BY visit_id DESC OFFSET 0) c`
    const gin =
      phrases.length === 0
        ? { text: `SELECT c.visit_id FROM ${candidates} ORDER BY c.visit_id DESC LIMIT 200`, values: [pairs] }
        : {
            text: `SELECT c.visit_id FROM ${candidates} WHERE (SELECT ${phrases.map((_, i) => `(' ' || s.answers || ' ') LIKE $${i + 2}`).join(' AND ')} FROM visit_search s WHERE s.visit_id = c.visit_id) ORDER BY c.visit_id DESC LIMIT 200`,
            values: [pairs, ...phrases],
          }
    const pattern = Array<string>(ANSWERS.length).fill(`%${term}%`)
    const found = await must(desk.core, desk.session, 'cases.search', { query: term, by: 'text' })
    const hits = Number((await raw.query<{ n: string }>({ text: `SELECT count(*) AS n FROM visit_search WHERE ${where}`, values: [pairs, ...adjacent] })).rows[0]?.n)
    const likeHits = Number((await raw.query<{ n: string }>({ text: `SELECT count(*) AS n FROM visits WHERE (${likeWhere}) AND hall_day <> '20991231'`, values: pattern })).rows[0]?.n)
    checks[`search ${term}: index hits = LIKE hits`] = hits === likeHits
    const s = await time(() => must(desk.core, desk.session, 'cases.search', { query: term, by: 'text' }), SEARCH_RUNS)
    const index = await time(() => raw.query(gin), SEARCH_RUNS)
    const scan = await time(() => raw.query({ text: `SELECT id FROM visits WHERE ${likeWhere} ORDER BY id DESC LIMIT 200`, values: pattern }), SCAN_RUNS)
    out.push(
      searchMetric(
        `${label} 「${term}」 (${hits} visits, ${found.rows.length} listed)`,
        s,
        scan,
        `p50 ${ms(s, 'p50')}; the GIN subquery alone, raw: p50 ${ms(index, 'p50')}, p95 ${ms(index, 'p95')}; LIKE p50 ${scan.p50.toFixed(1)} ms (${scan.n} runs)`,
      ),
    )
  }
  return out
}

/**
 * Four desks registering at once, each its own core (pool, LISTEN connection), a fifth desk
 * watching: when it hears of a case it re-reads its 今日台账 until the case is there, as its open
 * page does. The baseline: four raw connections racing through the statements of intake.register's
 * transaction (server time, day counter, category, visitor lookup, visitor, visit, event, search
 * row, audit chain lock and row), then a NOTIFY heard on a fifth raw connection. Service and raw
 * rounds alternate, so drift on the shared machine hits both alike.
 */
async function racingRegistrations(
  desks: Desk[],
  watcher: Desk,
  raw: pg.Client,
  url: string,
  schema: string,
  registrations: number,
  advance: (ms: number) => void,
  checks: Record<string, string | number | boolean>,
): Promise<Metric[]> {
  const random = new Random(Date.now() >>> 0)
  const faker = new Faker(random, { facts: [], demands: [], difficulties: [], history: [], priorHandling: [] })
  const perDesk = Math.max(10, Math.ceil(registrations / DESKS))
  const rounds = 5
  const perRound = Math.ceil(perDesk / rounds)
  const warmup = 5
  const shownAt = () => new Date(Date.now() - 60_000).toISOString()
  const known = new Set<string>()
  const freshId = (region: string) => {
    for (;;) {
      const id = faker.idNumber(region)
      if (!known.has(id)) {
        known.add(id)
        return id
      }
    }
  }
  const user = (await raw.query<{ id: number; badge_no: string; name: string; position: string }>("SELECT id, badge_no, name, position FROM users WHERE badge_no = 'R001'")).rows[0]
  if (user === undefined) throw new Error('no receptionist R001')
  const { rows: timeZoneRows } = await raw.query<{ time_zone: string }>('SELECT time_zone FROM hall')
  const timeZone = timeZoneRows[0]?.time_zone ?? 'Asia/Shanghai'

  // The watching desk: when each case was heard of, and when its 今日台账 showed it.
  const started = new Map<string, number>()
  const answered = new Map<string, number>()
  const heard = new Map<string, number>()
  const visible = new Map<string, number>()
  let reading: Promise<void> = Promise.resolve()
  const waiting = new Set<string>()
  const reread = () => {
    reading = reading.then(async () => {
      if (waiting.size === 0) return
      const rows = await must(watcher.core, watcher.session, 'visits.today', {})
      const at = performance.now()
      for (const row of rows) if (waiting.delete(row.caseNumber)) visible.set(row.caseNumber, at)
    })
  }
  const unsubscribe = watcher.core.changes.subscribe((event: LiveEvent) => {
    if (event.kind !== 'changes') return
    const at = performance.now()
    for (const change of event.changes) {
      if (change.topic !== 'visit') continue
      for (const id of change.ids ?? []) {
        if (!heard.has(id)) heard.set(id, at)
        waiting.add(id)
      }
    }
    reread()
  })

  // The raw side: four connections and one listening.
  const racers = await Promise.all(Array.from({ length: DESKS }, () => rawClient(url, schema)))
  const listener = await rawClient(url, schema)
  const rawHeard = new Map<string, number>()
  listener.on('notification', (message) => {
    if (message.channel === 'bench_raw' && message.payload !== undefined) rawHeard.set(message.payload, performance.now())
  })
  await listener.query('LISTEN bench_raw')
  const rawCommitted = new Map<string, number>()
  const { rows: seqRows } = await raw.query<{ last_seq: number }>('SELECT last_seq FROM case_sequences WHERE hall_day = $1', [RAW_DAY])
  checks.rawDayStartedAt = seqRows[0]?.last_seq ?? 0
  const visitInsert = `INSERT INTO visits (${VISIT_COLUMNS.join(', ')}) VALUES (${VISIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`
  const rawRegister = async (client: pg.Client, input: IntakeInput) => {
    const t = performance.now()
    await client.query('BEGIN')
    try {
      await client.query('SET LOCAL lock_timeout = 2000')
      const at = (await client.query<{ instant: Date; day: string }>({ name: 'r-time', text: "SELECT statement_timestamp() AS instant, to_char(statement_timestamp() AT TIME ZONE $1, 'YYYYMMDD') AS day", values: [timeZone] })).rows[0]
      const iso = (at?.instant ?? new Date()).toISOString()
      const seq = (await client.query<{ last_seq: number }>({ name: 'r-seq', text: 'INSERT INTO case_sequences (hall_day, last_seq) VALUES ($1, 1) ON CONFLICT (hall_day) DO UPDATE SET last_seq = case_sequences.last_seq + 1 RETURNING last_seq', values: [RAW_DAY] })).rows[0]?.last_seq ?? 0
      await client.query({ name: 'r-category', text: 'SELECT id, name FROM categories WHERE id = $1 AND retired = 0', values: [input.categoryId] })
      const id = input.visitor.idNumber
      await client.query({ name: 'r-visitor', text: 'SELECT * FROM visitors WHERE id_number = $1', values: [id] })
      const visitorId = (await client.query<{ id: number }>({
        name: 'r-new-visitor',
        text: 'INSERT INTO visitors (id_number, name, birth_date, sex, phone, address, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id',
        values: [id, input.visitor.name, `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, 'male', input.visitor.phone, input.visitor.address, iso, iso],
      })).rows[0]?.id
      const caseNumber = `ZZ-${RAW_DAY}-${String(seq).padStart(4, '0')}`
      const a = input.answers
      const row: Record<string, unknown> = {
        case_number: caseNumber, hall_day: RAW_DAY, day_seq: seq, visitor_id: visitorId, visitor_name: input.visitor.name, visitor_phone: input.visitor.phone,
        visitor_address: input.visitor.address, kind: input.kind, headcount: 1, representatives: '[]', category_id: input.categoryId, routing: input.routing,
        facts: a.facts.text, demands: a.demands.text, difficulties: a.difficulties.text, history: a.history.text, prior_handling: a.priorHandling.text,
        receptionist_id: user.id, shown_badge_no: user.badge_no, shown_name: user.name, shown_position: user.position, shows_confirmed_at: input.showsConfirmedAt,
        registered_at: iso, status: input.routing === 'resolved' ? 'closed' : input.routing, clock_start: '2099-12-31', due_date: '2100-03-01', notice_due: '2100-01-15',
        clock_paused: 0, no_further_acceptance: 0, routing_body: input.routingBody, routing_reason: input.routingReason,
      }
      const visitId = (await client.query<{ id: number }>({ name: 'r-visit', text: visitInsert, values: VISIT_COLUMNS.map((c) => row[c] ?? null) })).rows[0]?.id
      await client.query({
        name: 'r-event',
        text: "INSERT INTO case_events (visit_id, at, day, user_id, action, from_status, to_status, note, data) VALUES ($1, $2, '2099-12-30', $3, 'register', NULL, $4, '', $5)",
        values: [visitId, iso, user.id, row.status, JSON.stringify({ routing: input.routing })],
      })
      await client.query({
        name: 'r-search',
        text: 'INSERT INTO visit_search (visit_id, name, answers) VALUES ($1, $2, $3)',
        values: [visitId, toBigrams(input.visitor.name), toBigrams([a.facts.text, a.demands.text, a.difficulties.text, a.history.text, a.priorHandling.text].join('\n'))],
      })
      await client.query({ name: 'r-chain', text: "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':intake-desk-audit-chain'))" })
      const prev = (await client.query<{ hash: string }>({ name: 'r-head', text: 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1' })).rows[0]?.hash ?? ''
      const detail = JSON.stringify({ kind: 'individual', headcount: 1, categoryId: input.categoryId, routing: input.routing })
      const hash = createHash('sha256').update(JSON.stringify([prev, iso, user.id, 'intake.register', 'visit', caseNumber, detail])).digest('hex')
      await client.query({
        name: 'r-audit',
        text: 'INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        values: [iso, user.id, 'intake.register', 'visit', caseNumber, detail, prev, hash],
      })
      await client.query('COMMIT')
      const done = performance.now()
      rawCommitted.set(caseNumber, done)
      await client.query({ name: 'r-notify', text: "SELECT pg_notify('bench_raw', $1)", values: [caseNumber] })
      return done - t
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
  }

  const service: number[] = []
  const rawTimes: number[] = []
  const serviceCases: string[] = []
  const input = () => newIntake(faker, random, freshId('530102'), shownAt())
  const race = async (n: number, keep: boolean) => {
    await Promise.all(
      desks.map(async (desk) => {
        for (let i = 0; i < n; i++) {
          const intake = input()
          advance(25)
          const t = performance.now()
          const r = await must(desk.core, desk.session, 'intake.register', intake)
          const done = performance.now()
          started.set(r.caseNumber, t)
          answered.set(r.caseNumber, done)
          if (keep) {
            service.push(done - t)
            serviceCases.push(r.caseNumber)
          }
        }
      }),
    )
  }
  const rawRace = async (n: number, keep: boolean) => {
    await Promise.all(
      racers.map(async (client) => {
        for (let i = 0; i < n; i++) {
          const took = await rawRegister(client, input())
          if (keep) rawTimes.push(took)
        }
      }),
    )
  }
  try {
    await race(warmup, false)
    await rawRace(warmup, false)
    for (let r = 0; r < rounds; r++) {
      await race(perRound, true)
      await rawRace(perRound, true)
    }
    // Whatever is still on its way to the watching desk.
    const deadline = performance.now() + 10_000
    while (performance.now() < deadline && serviceCases.some((c) => !visible.has(c))) await new Promise((done) => setTimeout(done, 50))
    await reading
  } finally {
    unsubscribe()
    await Promise.all(racers.map((c) => c.end()))
    await listener.end()
  }

  const numbers = serviceCases.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)
  checks['registrations racing: numbers gapless and unique'] = numbers.every((n, i) => i === 0 || n === (numbers[i - 1] ?? 0) + 1)
  const missed = serviceCases.filter((c) => !visible.has(c)).length
  checks['registrations seen on the watching desk'] = `${serviceCases.length - missed} of ${serviceCases.length}`
  const s = summarize(service)
  const b = summarize(rawTimes)
  const live = summarize(serviceCases.filter((c) => visible.has(c)).map((c) => (visible.get(c) ?? 0) - (answered.get(c) ?? 0)))
  const heardAfter = summarize(serviceCases.filter((c) => heard.has(c)).map((c) => (heard.get(c) ?? 0) - (answered.get(c) ?? 0)))
  const fromPress = summarize(serviceCases.filter((c) => visible.has(c)).map((c) => (visible.get(c) ?? 0) - (started.get(c) ?? 0)))
  const rawLive = summarize([...rawHeard].filter(([c]) => rawCommitted.has(c)).map(([c, at]) => at - (rawCommitted.get(c) ?? 0)))
  const same = `raw statements of the same transaction, ${DESKS} connections racing`
  return [
    {
      name: `register (intake.register) p50, ${DESKS} desks racing (${service.length} registrations)`,
      value: s.p50,
      unit: 'ms',
      stat: 'p50',
      baseline: { name: same, value: b.p50 },
      ratio: s.p50 / b.p50,
      samples: s,
    },
    {
      name: `register (intake.register) p99, ${DESKS} desks racing`,
      value: s.p99,
      unit: 'ms',
      stat: 'p99',
      target: 15,
      baseline: { name: same, value: b.p99 },
      ratio: s.p99 / b.p99,
      samples: s,
      note: `max ${s.max.toFixed(1)} ms; raw p50 ${ms(b, 'p50')}, max ${b.max.toFixed(1)} ms (${b.n} raw registrations)`,
    },
    {
      name: `a registration visible on another desk (its 今日台账 re-read and showing the case), after the registering desk's answer`,
      value: live.p99,
      unit: 'ms',
      stat: 'p99',
      target: 1000,
      baseline: { name: 'raw NOTIFY after the commit, heard on another connection, p99', value: rawLive.p99 },
      ratio: live.p99 / rawLive.p99,
      samples: live,
      note: `p50 ${ms(live, 'p50')}; the NOTIFY heard ${ms(heardAfter, 'p50')} p50 / ${ms(heardAfter, 'p99')} p99 after the answer; from pressing 登记 to visible ${ms(fromPress, 'p50')} p50 / ${ms(fromPress, 'p99')} p99; raw NOTIFY p50 ${ms(rawLive, 'p50')}; ${missed} of ${serviceCases.length} not seen within 10 s`,
    },
  ]
}
