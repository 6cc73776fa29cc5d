import type { Core } from '../../electron/core'
import { openCore } from '../../electron/core'
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract'
import {
  CRASH_ADMIN,
  CRASH_HALL_CODE,
  CRASH_SESSION,
  DAY_MS,
  dayOffsetOf,
  draftFor,
  intakeFor,
  loopOfDraft,
  loopOfFacts,
} from './protocol'

/**
 * The crash worker: `node --import tsx tests/crash/worker.ts DATA_DIR`. It runs the
 * main-process core as the app does and types and registers intakes in a loop, printing a
 * line once each step is acknowledged. The harness kills it with SIGKILL at random moments.
 *
 * Lines (each written whole, in one write of well under PIPE_BUF bytes):
 *   OPENING · SETUP | SIGNED_IN · RECOVERED <n|none> · READY <n> · then DRAFT <n> · ACK <case> <n> ...
 */

/** Writes one whole line; stdout on a pipe is synchronous on Linux, so it is out before the next step. */
function emit(line: string): void {
  process.stdout.write(`${line}\n`)
}

function fail(text: string): never {
  emit(`ERROR ${text}`)
  process.exit(1)
}

async function must<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(CRASH_SESSION, method, input)
  if (!result.ok) fail(`${method} ${result.error.code} ${result.error.key}`)
  return result.value as MethodOutput<M>
}

/** The worker's command line after the script's path: the data folder. */
export type WorkerArgs = [dataDir: string]

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2) as Partial<WorkerArgs>
  if (dataDir === undefined || dataDir === '') fail('usage: worker.ts DATA_DIR')

  // The simulated day moves with the loop number (see LOOPS_PER_DAY); set before each call.
  let dayOffset = 0
  emit('OPENING')
  const core = await openCore({
    dataDir,
    clock: () => new Date(Date.now() + dayOffset * DAY_MS),
    scryptN: 2 ** 10,
    onInternalError: (method, error) => {
      process.stderr.write(`${method}: ${error instanceof Error ? error.message : String(error)}\n`)
    },
  })

  const status = await must(core, 'app.status', {})
  if (!status.setUp) {
    await must(core, 'app.setup', {
      hallName: '崩溃测试接待大厅',
      hallCode: CRASH_HALL_CODE,
      admin: CRASH_ADMIN,
    })
    emit('SETUP')
  } else {
    await must(core, 'auth.signIn', { badgeNo: CRASH_ADMIN.badgeNo, password: CRASH_ADMIN.password })
    emit('SIGNED_IN')
  }
  // A day-long jump of the simulated clock must not lock the session for idleness.
  const s = await must(core, 'settings.get', {})
  if (s.idleLockMinutes !== 0) {
    const { address, phone, receiptLayout, receiptPrinter } = s
    await must(core, 'settings.update', { address, phone, receiptLayout, receiptPrinter, idleLockMinutes: 0 })
  }

  // What the receptionist sees after the restart: the form as it was, or a fresh one.
  const draft = await must(core, 'drafts.get', {})
  const recovered = draft === null ? null : loopOfDraft(draft.values)
  if (draft !== null && recovered === null) fail('drafts.get returned a draft without a loop number')
  const last = core.connection.raw
    .prepare('SELECT facts FROM visits ORDER BY id DESC LIMIT 1')
    .pluck()
    .get() as string | undefined
  const lastRegistered = last === undefined ? 0 : (loopOfFacts(last) ?? fail('a visit without a loop marker'))
  if (recovered !== null) {
    // Registering a case deletes its draft in the same transaction.
    if (recovered <= lastRegistered)
      fail(`draft ${recovered} survived the registration of loop ${lastRegistered}`)
    const expected = draftFor(recovered)
    if (JSON.stringify(draft?.values) !== JSON.stringify(expected.values) || draft?.step !== expected.step) {
      fail(`draft ${recovered} came back changed`)
    }
  }
  emit(`RECOVERED ${recovered ?? 'none'}`)

  // The receptionist carries on with the recovered form, or starts the next one.
  let n = recovered ?? lastRegistered + 1
  emit(`READY ${n}`)
  for (;;) {
    dayOffset = dayOffsetOf(n)
    await must(core, 'drafts.save', draftFor(n))
    emit(`DRAFT ${n}`)
    const result = await must(core, 'intake.register', intakeFor(n))
    emit(`ACK ${result.caseNumber} ${n}`)
    n += 1
  }
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
)
