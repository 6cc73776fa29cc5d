// Longer than most files: the bench's bulk writer keeps every table's raw row shape in one place,
// so a schema change breaks one file of the bench and not several.
import { createHash } from 'node:crypto'
import { hallDayOf, isoDay } from '../../shared/days'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import type { Insertable } from 'kysely'
import type { VisitTable } from '../../electron/db/schema'
import type { Routing } from '../../shared/domain'
import { HALL, hallInstant } from './common'
import type { Faker } from './fake'
import type { Lifecycles } from './lifecycle'
import { NO_ID_REASONS, ROUTING_BODIES } from './phrases'
import type { Random } from './random'
import { cumulative } from './random'
import type { VisitorPlan } from './schedule'

const ROUTINGS: readonly Routing[] = ['resolved', 'accepted', 'assigned', 'transferred', 'rejected']
const ROUTING_WEIGHTS = cumulative([30, 30, 25, 10, 5])
const CATEGORY_IDS = Array.from({ length: 20 }, (_, i) => i + 1)
const CATEGORY_WEIGHTS = cumulative(CATEGORY_IDS.map((id) => 1 / Math.sqrt(id)))

export const VISIT_COLUMNS = [
  'case_number',
  'hall_day',
  'day_seq',
  'visitor_id',
  'visitor_name',
  'visitor_phone',
  'visitor_address',
  'no_id_reason',
  'kind',
  'headcount',
  'representatives',
  'category_id',
  'routing',
  'facts',
  'facts_mark',
  'facts_reason',
  'demands',
  'demands_mark',
  'demands_reason',
  'difficulties',
  'difficulties_mark',
  'difficulties_reason',
  'history',
  'history_mark',
  'history_reason',
  'prior_handling',
  'prior_handling_mark',
  'prior_handling_reason',
  'receptionist_id',
  'shown_badge_no',
  'shown_name',
  'shown_position',
  'shows_confirmed_at',
  'registered_at',
  'routing_body',
  'routing_reason',
  'status',
  'unit_id',
  'leader_name',
  'linked_visit_id',
  'clock_start',
  'due_date',
  'clock_paused',
  'extension_days',
  'closed_at',
  'result',
  'satisfaction',
  'no_further_acceptance',
  'notice_due',
  'notice_day',
  'closed_day',
  'closed_due_date',
] as const satisfies readonly (keyof VisitTable)[]

export interface Receptionist {
  id: number
  badge_no: string
  name: string
  position: string
}

interface Person {
  id: string | null
  name: string
  phone: string | null
  address: string
}

/** What the search index needs of a visit; the FTS worker turns it into character pairs. */
export interface SearchRow {
  visitId: number
  name: string
  answers: string
}

/**
 * Writes visits the way intake.register and the case steps leave them: visitor (once), visit,
 * timeline, receipt print, audit row (hash-chained like appendAudit), and the day's sequence.
 */
export class HallWriter {
  readonly people: (Person | undefined)[]
  readonly counts = { events: 0, prints: 0, audit: 0, withoutId: 0 }
  /** A uniform sample (reservoir) of the cases still open today, to check their due dates. */
  readonly openCases: string[] = []
  private openSeen = 0
  private readonly visitorIds: Int32Array
  private readonly seen: Int32Array
  private prevHash: string
  private readonly statements: Record<
    'visitor' | 'visit' | 'event' | 'print' | 'sequence' | 'audit',
    BetterSqlite3.Statement
  >

  constructor(
    db: BetterSqlite3.Database,
    private readonly random: Random,
    private readonly faker: Faker,
    private readonly lifecycles: Lifecycles,
    private readonly plan: VisitorPlan,
    private readonly receptionists: readonly Receptionist[],
  ) {
    this.people = new Array<Person | undefined>(plan.visitors)
    this.visitorIds = new Int32Array(plan.visitors)
    this.seen = new Int32Array(plan.visitors)
    this.prevHash =
      (db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as
        string | undefined) ?? '0'.repeat(64)
    this.statements = {
      visitor: db.prepare(
        'INSERT INTO visitors (id_number, name, birth_date, sex, phone, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      visit: db.prepare(
        `INSERT INTO visits (${VISIT_COLUMNS.join(', ')}) VALUES (${VISIT_COLUMNS.map(() => '?').join(', ')})`,
      ),
      event: db.prepare(
        'INSERT INTO case_events (visit_id, at, day, user_id, action, from_status, to_status, note, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      print: db.prepare(
        "INSERT INTO receipt_prints (visit_id, copy_no, target, printer, layout, user_id, requested_at, status, failure_reason, completed_at) VALUES (?, 1, 'printer', '大厅打印机', 'a4', ?, ?, 'succeeded', NULL, ?)",
      ),
      sequence: db.prepare('INSERT INTO case_sequences (hall_day, last_seq) VALUES (?, ?)'),
      audit: db.prepare(
        'INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    }
  }

  private person(slot: number, registeredAt: string): Person {
    const known = this.people[slot]
    if (known !== undefined) return known
    const f = this.faker
    const noId = slot < this.plan.singles && slot % 100 === 7
    const person = {
      id: noId ? null : f.idNumber(),
      name: f.name(),
      phone: this.random.chance(0.9) ? f.phone() : null,
      address: f.address(),
    }
    this.people[slot] = person
    const id = person.id
    const birth = id === null ? null : `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
    const sex = id === null ? null : Number(id[16]) % 2 === 1 ? 'male' : 'female'
    this.visitorIds[slot] = Number(
      this.statements.visitor.run(
        id,
        person.name,
        birth,
        sex,
        person.phone,
        person.address,
        registeredAt,
        registeredAt,
      ).lastInsertRowid,
    )
    if (noId) this.counts.withoutId += 1
    return person
  }

  private sampleOpen(caseNumber: string): void {
    this.openSeen += 1
    if (this.openCases.length < 20) this.openCases.push(caseNumber)
    else {
      const j = this.random.int(0, this.openSeen - 1)
      if (j < 20) this.openCases[j] = caseNumber
    }
  }

  /** Writes one hall day of `count` visits; `first` is the index of its first visit overall. */
  writeDay(day: string, count: number, first: number, search: SearchRow[]): void {
    const r = this.random
    const hallDay = hallDayOf(isoDay(day))
    const year = Number(day.slice(0, 4))
    const opening = hallInstant(day, 8, 30)
    const step = count === 0 ? 0 : Math.floor((8.5 * 3_600_000) / count)
    for (let seq = 1; seq <= count; seq++) {
      const slot = this.plan.slots[first + seq - 1] ?? 0
      const registeredMs = opening + (seq - 1) * step + r.int(0, Math.max(0, step - 1))
      const registeredAt = new Date(registeredMs).toISOString()
      const person = this.person(slot, registeredAt)
      const previous = this.seen[slot] ?? 0
      this.seen[slot] = previous + 1
      const routing = r.weighted(ROUTINGS, ROUTING_WEIGHTS)
      const group = r.chance(0.03)
      const headcount = group ? r.int(2, 30) : 1
      const receptionist = r.pick(this.receptionists)
      const caseNumber = `${HALL.hallCode}-${hallDay}-${String(seq).padStart(4, '0')}`
      const f = this.faker
      const history = r.chance(0.02)
        ? ''
        : f.answer('history', year, previous === 0 ? '首次来访。' : `此前已来访${previous}次。`)
      const life = this.lifecycles.of(routing, day, registeredAt)
      if (life.open) this.sampleOpen(caseNumber)
      const needsBody = routing === 'transferred' || routing === 'rejected'
      const row: Insertable<VisitTable> = {
        case_number: caseNumber,
        hall_day: hallDay,
        day_seq: seq,
        visitor_id: this.visitorIds[slot] ?? 0,
        visitor_name: person.name,
        visitor_phone: person.phone,
        visitor_address: person.address,
        no_id_reason: person.id === null ? r.pick(NO_ID_REASONS) : null,
        kind: group ? 'group' : 'individual',
        headcount,
        representatives: JSON.stringify(
          group ? Array.from({ length: Math.min(headcount, r.int(1, 5)) }, () => f.name()) : [],
        ),
        category_id: r.weighted(CATEGORY_IDS, CATEGORY_WEIGHTS),
        routing,
        facts: f.answer('facts', year),
        demands: f.answer('demands', year),
        difficulties: f.answer('difficulties', year),
        history,
        history_mark: history === '' ? 'unknown' : null,
        history_reason: history === '' ? '来访人记不清' : null,
        prior_handling: f.answer('priorHandling', year),
        receptionist_id: receptionist.id,
        shown_badge_no: receptionist.badge_no,
        shown_name: receptionist.name,
        shown_position: receptionist.position,
        shows_confirmed_at: new Date(registeredMs - r.int(60, 600) * 1000).toISOString(),
        registered_at: registeredAt,
        routing_body: needsBody ? r.pick(ROUTING_BODIES) : null,
        routing_reason: needsBody ? '该事项属于其他机关法定职责范围，已告知信访人向有权机关提出' : null,
        unit_id: routing === 'assigned' ? r.int(1, 8) : null,
        no_further_acceptance: 0,
        ...life.columns,
      }
      const s = this.statements
      const visitId = Number(s.visit.run(VISIT_COLUMNS.map((c) => row[c] ?? null)).lastInsertRowid)
      s.event.run(
        visitId,
        registeredAt,
        day,
        receptionist.id,
        'register',
        null,
        life.columns.status ?? null,
        '',
        JSON.stringify({ routing }),
      )
      for (const e of life.later)
        s.event.run(
          visitId,
          e.at,
          e.day,
          e.user_id,
          e.action,
          e.from_status,
          e.to_status,
          e.note ?? '',
          e.data ?? '{}',
        )
      this.counts.events += 1 + life.later.length
      if (life.printed) {
        s.print.run(
          visitId,
          receptionist.id,
          new Date(registeredMs + 60_000).toISOString(),
          new Date(registeredMs + 70_000).toISOString(),
        )
        this.counts.prints += 1
      }
      search.push({
        visitId,
        name: person.name,
        answers: [row.facts, row.demands, row.difficulties, row.history, row.prior_handling].join('\n'),
      })
      const detail = JSON.stringify({ kind: row.kind, headcount, categoryId: row.category_id, routing })
      const hash = createHash('sha256')
        .update(
          JSON.stringify([
            this.prevHash,
            registeredAt,
            receptionist.id,
            'intake.register',
            'visit',
            caseNumber,
            detail,
          ]),
        )
        .digest('hex')
      s.audit.run(
        registeredAt,
        receptionist.id,
        'intake.register',
        'visit',
        caseNumber,
        detail,
        this.prevHash,
        hash,
      )
      this.prevHash = hash
      this.counts.audit += 1
    }
    if (count > 0) this.statements.sequence.run(hallDay, count)
  }
}
