import type { Core } from '../../electron/core'
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract'

/** The hall the bench builds: one administrator and a shift of receptionists. */
export const HALL = { hallName: '武汉市信访局接待大厅', hallCode: 'WH' }
export const ADMIN = {
  badgeNo: 'A001',
  name: '周建华',
  position: '大厅主任',
  password: 'Admin2026pass',
  confirmPassword: 'Admin2026pass',
}
export const RECEPTIONIST_PASSWORD = 'Mine2026pass'
export const RECEPTIONISTS = ['R001', 'R002', 'R003', 'R004', 'R005', 'R006', 'R007', 'R008']
export const SCRYPT_N = 2 ** 10

/** The bench's "today" (a Friday) and the hall-local times around it, Asia/Shanghai (UTC+8). */
export const DEFAULT_TODAY = '2026-11-20'
/**
 * The hall day of the raw baseline's visits: far off, and never in the search index (the
 * baseline writes only the two rows), so a rerun with --reuse leaves them out of its checks.
 */
export const BASELINE_DAY = '20991231'

export const UTC_OFFSET_MS = 8 * 3_600_000

/** The instant of a hall-local day and time, e.g. ('2026-11-20', 17, 30) → 2026-11-20T09:30:00Z. */
export function hallInstant(day: string, hour: number, minute = 0, second = 0): number {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number)
  return Date.UTC(y, m - 1, d, hour, minute, second) - UTC_OFFSET_MS
}

/** What the generator tells the measuring process about the hall it built. */
export interface GenerationMeta {
  visits: number
  visitors: number
  repeatVisitors: number
  visitorsWithoutId: number
  today: string
  todayVisits: number
  lastYear: { from: string; to: string; visits: number }
  firstDay: string
  rows: { caseEvents: number; receiptPrints: number; auditLog: number; searchIndex: number; matterDocs: number; matterTerms: number; representatives: number }
  /** Seconds per phase and overall rows per second. */
  timing: { setupS: number; insertS: number; finishS: number; totalS: number; visitsPerS: number }
  databaseBytes: number
  generatorMaxRssMiB: number
  /** ID numbers of repeat visitors, drawn in proportion to their visits (who walks in next). */
  repeatIdNumbers: string[]
  /** Search terms chosen by their share of visits in a sample of the generated answers. */
  terms: { label: string; term: string; sampleShare: number }[]
  sampleOpenCaseNumbers: string[]
}

/** Calls a method and fails loudly unless it succeeded. */
export async function must<M extends MethodName>(
  core: Core,
  session: string,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(session, method, input)
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`)
  return result.value as MethodOutput<M>
}
