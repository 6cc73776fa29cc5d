import type { IntakeInput } from '../../shared/intake/schemas'
import { ADMIN, validIntake } from '../integration/helpers'
import { withStandardCheck } from '../support/gb11643'
import { representatives } from '../support/representatives'

// What the crash worker and the harness agree on: the worker's lines, and the draft and
// intake of loop n, derived from n alone so that the harness knows what must be stored.

/** The worker's session key: one signed-in window. */
export const CRASH_SESSION = 'crash'
export const CRASH_HALL_CODE = 'WH'
export const CRASH_ADMIN = ADMIN

/**
 * Cases registered on one (simulated) hall day. The worker's clock moves a day forward every
 * this many loops, so a long run stays far below the 9,999 numbers of a day and the per-day
 * numbering is checked across several days.
 */
export const LOOPS_PER_DAY = 1000
export const DAY_MS = 86_400_000

/** The simulated day offset (in days from the real clock) of loop n. */
export function dayOffsetOf(n: number): number {
  return Math.floor(n / LOOPS_PER_DAY)
}

/** A valid GB 11643 ID number unique to loop n (birth date and sequence vary with n). */
export function idNumberFor(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * DAY_MS)
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '')
  const first17 = `420106${ymd}${String(n % 1000).padStart(3, '0')}`
  return withStandardCheck(first17)
}

const NAMES = ['吕建国', '王秀英', '张伟', '李娜', '𠀀𪚥', '欧阳明']

/** The marker that ties a stored visit to its loop: the first words of the facts answer. */
export function loopMarker(n: number): string {
  return `【循环${n}】`
}

/** Reads the loop number back from a stored facts answer; null when there is none. */
export function loopOfFacts(facts: string): number | null {
  const m = /^【循环(\d+)】/.exec(facts)
  return m?.[1] === undefined ? null : Number(m[1])
}

/** The complete intake the worker registers in loop n. */
export function intakeFor(n: number): IntakeInput {
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  const routings = ['accepted', 'resolved', 'assigned', 'transferred', 'rejected'] as const
  const routing = routings[n % routings.length] ?? 'accepted'
  const needsBody = routing === 'transferred' || routing === 'rejected'
  const group = n % 7 === 3
  return validIntake(idNumberFor(n), {
    visitor: {
      name: NAMES[n % NAMES.length] ?? '吕建国',
      noId: false,
      idNumber: idNumberFor(n),
      noIdReason: '',
      phone: n % 2 === 0 ? '13700002222' : '',
      address: `武汉市武昌区某小区${n % 50}栋`,
    },
    kind: group ? 'group' : 'individual',
    headcount: group ? 3 : 1,
    representatives: group ? representatives('张三', '李四') : [],
    answers: {
      facts: answer(`${loopMarker(n)}附近单位施工后，小区排水系统堵塞，雨天地下室积水。`),
      demands: answer(`要求修复排水管网（第${n}件）。`),
      difficulties: answer('地下室无法使用，老人出行不便。\n孩子上学受影响。'),
      history: n % 3 === 0 ? { text: '', mark: 'declined', reason: '来访人不愿回答' } : answer('首次来访。'),
      priorHandling: answer('曾向物业反映，未解决。'),
    },
    categoryId: (n % 20) + 1,
    routing,
    routingBody: needsBody ? '武昌区住房和城市更新局' : '',
    routingReason: needsBody ? '属于该局法定职责' : routing === 'resolved' ? '当场解释相关政策，来访人表示理解。' : '',
    // 不予受理 names how to reach the competent body (printed on the 不予受理告知书).
    routingContact: routing === 'rejected' ? '武汉市武昌区中山路 1 号，027-88880000' : '',
    // 交办 names one of the seeded responsible units; 0 is "none".
    unitId: routing === 'assigned' ? (n % 8) + 1 : 0,
  })
}

/** The half-typed form the worker saves as a draft in loop n. */
export function draftFor(n: number): { values: { loop: number; form: IntakeInput }; step: number } {
  const full = intakeFor(n)
  const form = {
    ...full,
    answers: { ...full.answers, priorHandling: { text: '曾向物', mark: null, reason: '' } },
  }
  return { values: { loop: n, form }, step: (n % 5) + 1 }
}

/** The loop number of a stored draft's values; null when they hold none. */
export function loopOfDraft(values: unknown): number | null {
  if (typeof values !== 'object' || values === null || !('loop' in values)) return null
  const loop = values.loop
  return typeof loop === 'number' && Number.isInteger(loop) ? loop : null
}

/** One line of the worker's standard output. */
export type WorkerLine =
  | { kind: 'OPENING' }
  | { kind: 'SETUP' }
  | { kind: 'SIGNED_IN' }
  | { kind: 'RECOVERED'; loop: number | null }
  | { kind: 'READY'; loop: number }
  | { kind: 'DRAFT'; loop: number }
  | { kind: 'ACK'; caseNumber: string; loop: number }
  | { kind: 'ERROR'; text: string }

/** Parses one whole line; null for anything the protocol does not know (a failure). */
export function parseWorkerLine(line: string): WorkerLine | null {
  const [word, a, b] = line.split(' ')
  const int = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null)
  switch (word) {
    case 'OPENING':
    case 'SETUP':
    case 'SIGNED_IN':
      return line === word ? { kind: word } : null
    case 'RECOVERED':
      return a === 'none'
        ? { kind: 'RECOVERED', loop: null }
        : int(a) === null
          ? null
          : { kind: 'RECOVERED', loop: int(a) }
    case 'READY':
    case 'DRAFT': {
      const loop = int(a)
      return loop === null ? null : { kind: word, loop }
    }
    case 'ACK': {
      const loop = int(b)
      return a === undefined || loop === null ? null : { kind: 'ACK', caseNumber: a, loop }
    }
    case 'ERROR':
      return { kind: 'ERROR', text: line.slice(6) }
    default:
      return null
  }
}
