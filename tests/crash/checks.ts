import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { openCore } from '../../electron/core'
import { DATABASE_FILE } from '../../electron/paths'
import { openSqlite } from '../../electron/db/cipher'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'
import type { Database } from '../../electron/db/schema'
import { auditKeyOf, verifyAudit, withAuditKey } from '../../electron/services/audit/audit'
import { fileKeyStore } from '../../electron/services/keys/key-store'
import { draftOf } from '../../electron/services/drafts/drafts'
import { formatCaseNumber } from '../../shared/case-number'
import { ANSWER_KEYS } from '../../shared/domain'
import type { IntakeValues } from '../../shared/intake/schemas'
import { intakeSchema } from '../../shared/intake/schemas'
import {
  CRASH_ADMIN,
  CRASH_SESSION,
  draftFor,
  idNumberFor,
  intakeFor,
  loopOfDraft,
  loopOfFacts,
  loopMarker,
} from './protocol'

// What the crash harness checks after each kill: the database as the killed worker left it,
// against what the worker had acknowledged.

/** What the trial knows from the worker's acknowledgements, across all restarts. */
export interface Acknowledged {
  /** case number → loop */
  cases: Map<string, number>
  /** loop → case number */
  loops: Map<number, string>
  /** The highest loop whose DRAFT line was printed. */
  lastDraft: number
}

interface VisitRow {
  case_number: string
  hall_day: string
  day_seq: number
  visitor_name: string
  visitor_phone: string | null
  visitor_address: string
  kind: string
  headcount: number
  representatives: string
  category_id: number
  routing: string
  routing_body: string | null
  routing_reason: string | null
  facts: string
  facts_mark: string | null
  facts_reason: string | null
  demands: string
  demands_mark: string | null
  demands_reason: string | null
  difficulties: string
  difficulties_mark: string | null
  difficulties_reason: string | null
  history: string
  history_mark: string | null
  history_reason: string | null
  prior_handling: string
  prior_handling_mark: string | null
  prior_handling_reason: string | null
  receptionist_id: number
  unit_id: number | null
  shown_badge_no: string
  p_id_number: string | null
  p_name: string
  p_birth_date: string | null
}

const COLUMN_OF = {
  facts: 'facts',
  demands: 'demands',
  difficulties: 'difficulties',
  history: 'history',
  priorHandling: 'prior_handling',
} as const

const expectedCache = new Map<number, IntakeValues>()

/** What loop n's intake is once the schema has cleaned it: exactly what must be stored. */
function expectedIntake(n: number): IntakeValues {
  let v = expectedCache.get(n)
  if (v === undefined) {
    v = intakeSchema.parse(intakeFor(n))
    expectedCache.set(n, v)
  }
  return v
}

/** The differences between a stored visit and loop n's intake; empty when complete and equal. */
function visitProblems(row: VisitRow, n: number, adminId: number): string[] {
  const e = expectedIntake(n)
  const problems: string[] = []
  const same = (what: string, got: unknown, want: unknown) => {
    if (got !== want)
      problems.push(
        `${row.case_number} (loop ${n}): ${what} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
      )
  }
  same('visitor.id_number', row.p_id_number, idNumberFor(n))
  same('visitor.name', row.p_name, e.visitor.name)
  same('visitor_name', row.visitor_name, e.visitor.name)
  same('visitor_address', row.visitor_address, e.visitor.address)
  same('visitor_phone', row.visitor_phone, e.visitor.phone === '' ? null : e.visitor.phone)
  same('kind', row.kind, e.kind)
  same('headcount', row.headcount, e.kind === 'group' ? e.headcount : 1)
  // Stored as the service stores them: each ID number and phone normalized, null when not given.
  const stored = e.representatives.map((r) => ({ name: r.name, idNumber: r.noId ? null : r.idNumber, noIdReason: r.noId ? r.noIdReason : null, phone: r.phone === '' ? null : r.phone }))
  same('representatives', row.representatives, JSON.stringify(e.kind === 'group' ? stored : []))
  same('category_id', row.category_id, e.categoryId)
  same('routing', row.routing, e.routing)
  const needsBody = e.routing === 'transferred' || e.routing === 'rejected'
  same('routing_body', row.routing_body, needsBody ? e.routingBody : null)
  same('routing_reason', row.routing_reason, needsBody ? e.routingReason : null)
  same('receptionist_id', row.receptionist_id, adminId)
  same('unit_id', row.unit_id, e.routing === 'assigned' ? e.unitId : null)
  same('shown_badge_no', row.shown_badge_no, CRASH_ADMIN.badgeNo)
  for (const key of ANSWER_KEYS) {
    const col = COLUMN_OF[key]
    const a = e.answers[key]
    same(`${col}`, row[col], a.text)
    same(`${col}_mark`, row[`${col}_mark`], a.mark)
    same(`${col}_reason`, row[`${col}_reason`], a.mark === null ? null : a.reason)
    // Complete: every one of the five is answered, or marked with a reason.
    if (row[col] === '' && (row[`${col}_mark`] === null || (row[`${col}_reason`] ?? '') === '')) {
      problems.push(`${row.case_number}: answer ${col} is missing`)
    }
  }
  return problems
}

export interface Inspection {
  stored: number
  maxLoop: number
  days: number
  draft: number | null
  failures: string[]
}

/**
 * Checks the database a killed worker left behind, read-only so that the next worker finds
 * it exactly as the crash left it (WAL and all).
 */
export async function inspectCrashDatabase(dataDir: string, ack: Acknowledged): Promise<Inspection> {
  const failures: string[] = []
  const none: Inspection = { stored: 0, maxLoop: 0, days: 0, draft: null, failures }
  const file = join(dataDir, DATABASE_FILE)
  if (!existsSync(file)) {
    if (ack.cases.size > 0) failures.push('the database file is gone')
    return none
  }
  const raw = openSqlite(file, databaseKeyIn(dataDir), { readonly: true, fileMustExist: true })
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
  try {
    const integrity = raw.pragma('integrity_check', { simple: true }) as string
    if (integrity !== 'ok') failures.push(`PRAGMA integrity_check: ${integrity}`)
    const fk = raw.pragma('foreign_key_check') as unknown[]
    if (fk.length > 0) failures.push(`PRAGMA foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`)

    // Killed before the first migration committed, or before setup: nothing can have been acknowledged.
    const version = raw.pragma('user_version', { simple: true }) as number
    const hall =
      version === 0 ? undefined : (raw.prepare('SELECT code FROM hall').get() as { code: string } | undefined)
    const admin =
      hall === undefined
        ? undefined
        : (raw.prepare('SELECT id FROM users WHERE badge_no = ?').get(CRASH_ADMIN.badgeNo) as
            { id: number } | undefined)
    if (hall === undefined || admin === undefined) {
      if (ack.cases.size > 0 || ack.lastDraft > 0) failures.push('the hall or its administrator is gone')
      return none
    }

    const rows = raw
      .prepare(
        `SELECT v.*, p.id_number AS p_id_number, p.name AS p_name, p.birth_date AS p_birth_date
         FROM visits v JOIN visitors p ON p.id = v.visitor_id ORDER BY v.id`,
      )
      .all() as VisitRow[]
    const byCase = new Map<string, { row: VisitRow; loop: number }>()
    const byLoop = new Map<number, VisitRow>()
    const days = new Map<string, number[]>()
    for (const row of rows) {
      const loop = loopOfFacts(row.facts)
      if (loop === null) {
        failures.push(`${row.case_number}: no loop marker in the facts`)
        continue
      }
      if (byCase.has(row.case_number)) failures.push(`case number ${row.case_number} is stored twice`)
      if (byLoop.has(loop))
        failures.push(
          `loop ${loop} is registered twice (${byLoop.get(loop)?.case_number}, ${row.case_number})`,
        )
      byCase.set(row.case_number, { row, loop })
      byLoop.set(loop, row)
      const expectedNumber = formatCaseNumber(hall.code, row.hall_day, row.day_seq)
      if (row.case_number !== expectedNumber)
        failures.push(`${row.case_number} does not match its day and sequence (${expectedNumber})`)
      days.set(row.hall_day, [...(days.get(row.hall_day) ?? []), row.day_seq])
      failures.push(...visitProblems(row, loop, admin.id))
    }

    // The worker resumes at its draft or after its last case: loops 1..max, none lost, none twice.
    const maxLoop = Math.max(0, ...byLoop.keys())
    for (let n = 1; n <= maxLoop; n++)
      if (!byLoop.has(n)) failures.push(`loop ${n} is missing below loop ${maxLoop}`)

    // Every acknowledged case is there, as the case of the loop that acknowledged it.
    for (const [caseNumber, loop] of ack.cases) {
      const found = byCase.get(caseNumber)
      if (found === undefined) failures.push(`acknowledged ${caseNumber} (loop ${loop}) is missing`)
      else if (found.loop !== loop)
        failures.push(`acknowledged ${caseNumber} was loop ${loop} but holds loop ${found.loop}`)
    }

    // Gapless per day, and the sequence table agrees with the visits.
    const sequences = new Map(
      (
        raw.prepare('SELECT hall_day, last_seq FROM case_sequences').all() as {
          hall_day: string
          last_seq: number
        }[]
      ).map((s) => [s.hall_day, s.last_seq]),
    )
    for (const [day, seqs] of days) {
      seqs.sort((a, b) => a - b)
      const gap = seqs.findIndex((s, i) => s !== i + 1)
      if (gap >= 0) failures.push(`day ${day}: sequence ${seqs[gap]} where ${gap + 1} was due`)
      if (sequences.get(day) !== seqs.length) {
        failures.push(`day ${day}: case_sequences says ${sequences.get(day)}, visits hold ${seqs.length}`)
      }
    }
    for (const [day, last] of sequences)
      if (!days.has(day)) failures.push(`day ${day}: sequence at ${last} without visits`)

    // Each registration wrote its audit row in the same transaction, and the chain holds.
    const audited = raw
      .prepare(`SELECT entity_id FROM audit_log WHERE action = 'intake.register'`)
      .pluck()
      .all() as string[]
    if (audited.length !== rows.length || audited.some((c) => !byCase.has(c))) {
      failures.push(`${audited.length} intake.register audit rows for ${rows.length} visits`)
    }
    const secret = fileKeyStore(dataDir, {}).load()
    if (secret === null) failures.push('the hall key file is gone')
    const broken = secret === null ? null : await verifyAudit(withAuditKey(db, auditKeyOf(secret)))
    if (broken !== null) failures.push(`the audit chain breaks at row ${broken}`)

    // The draft being typed is recoverable: what drafts.get returns for the receptionist.
    const draft = await draftOf(db, admin.id)
    const draftLoop = draft === null ? null : loopOfDraft(draft.values)
    if (draft !== null) {
      if (draftLoop === null) failures.push('the stored draft has no loop number')
      else {
        const want = draftFor(draftLoop)
        if (JSON.stringify(draft.values) !== JSON.stringify(want.values) || draft.step !== want.step) {
          failures.push(`the draft of loop ${draftLoop} is not what was saved`)
        }
        // Registration deletes the draft in its own transaction.
        if (byLoop.has(draftLoop)) failures.push(`the draft of loop ${draftLoop} outlived its registration`)
      }
    }
    if (ack.lastDraft > 0) {
      const recoverable =
        draftLoop !== null ? draftLoop >= ack.lastDraft : draft === null && maxLoop >= ack.lastDraft
      if (!recoverable) {
        failures.push(
          `DRAFT ${ack.lastDraft} was acknowledged but drafts.get returns ${draft === null ? 'nothing' : `loop ${draftLoop}`} and loop ${maxLoop} is the last registered`,
        )
      }
    }
    return { stored: rows.length, maxLoop, days: days.size, draft: draftLoop, failures }
  } finally {
    await db.destroy()
  }
}

/**
 * After the last kill, the app itself is started once more (a new core in this process): the
 * receptionist signs in, gets the draft back, and finds every acknowledged case by ID number.
 */
export async function checkThroughCore(
  dataDir: string,
  ack: Acknowledged,
  draft: number | null,
): Promise<string[]> {
  const failures: string[] = []
  const core = await openCore({ dataDir, scryptN: 2 ** 10, onInternalError: () => undefined })
  try {
    const signIn = await core.dispatch(CRASH_SESSION, 'auth.signIn', {
      badgeNo: CRASH_ADMIN.badgeNo,
      password: CRASH_ADMIN.password,
    })
    if (!signIn.ok) {
      if (ack.cases.size > 0) failures.push(`signing in after the last kill: ${signIn.error.code}`)
      return failures
    }
    const got = await core.dispatch(CRASH_SESSION, 'drafts.get', {})
    const gotLoop =
      got.ok && got.value !== null ? loopOfDraft((got.value as { values: unknown }).values) : null
    if (!got.ok || gotLoop !== draft)
      failures.push(
        `drafts.get after the last kill: ${JSON.stringify(got.ok ? gotLoop : got.error)}, expected ${draft}`,
      )
    for (const [caseNumber, loop] of ack.cases) {
      const history = await core.dispatch(CRASH_SESSION, 'intake.history', { idNumber: idNumberFor(loop) })
      const visits = history.ok
        ? (history.value as { visits: { caseNumber: string; answers: { facts: { text: string } } }[] }).visits
        : []
      if (
        visits.length !== 1 ||
        visits[0]?.caseNumber !== caseNumber ||
        visits[0].answers.facts.text.startsWith(loopMarker(loop)) !== true
      ) {
        failures.push(`intake.history of loop ${loop} does not show exactly ${caseNumber}`)
      }
    }
  } finally {
    await core.close()
  }
  return failures
}
