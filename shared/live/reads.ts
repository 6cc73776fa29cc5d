import type { MethodInput, MethodName, MethodOutput } from '../rpc/contract'
import type { Change, ChangeTopic } from './changes'

/** Whether a committed change touches what one query (a method and its input) has read. */
type Touches<M extends MethodName> = (change: Change, input: MethodInput<M>) => boolean

export interface ReadSpec<M extends MethodName> {
  touches: Touches<M>
  /**
   * A lookup the audit trail records (by full ID number): it runs when the user asks and is never
   * re-run by a change or a reconnect, which would write audit rows nobody asked for.
   */
  audited?: (output: MethodOutput<M>) => boolean
}

/** Any change of these topics. */
const any =
  (...topics: ChangeTopic[]): Touches<MethodName> =>
  (change) =>
    topics.includes(change.topic)

/** A change of these topics naming this record (or naming none, i.e. all of them). */
function about<M extends MethodName>(idOf: (input: MethodInput<M>) => string, ...topics: ChangeTopic[]): Touches<M> {
  return (change, input) => topics.includes(change.topic) && (change.ids === null || change.ids.includes(idOf(input)))
}

function either<M extends MethodName>(...all: Touches<M>[]): Touches<M> {
  return (change, input) => all.some((t) => t(change, input))
}

/** Lists of cases show their status, due dates, unit, category and receptionist. */
const caseLists = any('visit', 'case', 'receipt', 'unit', 'category', 'user')

/**
 * The methods the pages read as server state, and which committed changes make each one stale.
 * Only these can be queries (renderer/api/queries.ts), so a new read method must say what it reads.
 */
export const READS = {
  'app.status': { touches: any('settings', 'user') },
  'users.list': { touches: any('user') },
  'audit.list': { touches: any('settings', 'user') },
  'categories.list': { touches: any('category') },
  'categories.listAll': { touches: any('category') },
  'units.list': { touches: any('unit') },
  'holidays.list': { touches: any('holiday') },
  'settings.get': { touches: any('settings') },
  'visits.today': { touches: caseLists },
  'cases.supervision': { touches: either(caseLists, any('holiday', 'settings')) },
  'cases.search': { touches: caseLists, audited: (found) => found.by === 'idNumber' },
  'cases.get': {
    touches: either<'cases.get'>(about((i) => i.caseNumber, 'case', 'receipt'), any('visit', 'unit', 'category', 'user', 'holiday', 'settings')),
  },
  'receipts.history': { touches: about<'receipts.history'>((i) => i.caseNumber, 'receipt') },
  'receipts.printers': { touches: any('settings') },
  'leaders.list': { touches: any('leader') },
  'reports.statistics': { touches: either(caseLists, any('holiday', 'settings')) },
  'backup.status': { touches: any('backup', 'settings') },
  'backup.list': { touches: any('backup', 'settings') },
  // Cases fall due as they are closed; a purge or a new period changes the list.
  'retention.due': { touches: any('case', 'settings') },
  // A registration from a ticket ends its service time; the queue's own calls are polled (renderer/pages/queue).
  'queue.statistics': { touches: any('visit', 'settings') },
  'queue.settings': { touches: any('settings') },
  // The desk's own connection file: changed only by this page, which reads it again after 保存.
  'hallConnection.get': { touches: any('settings') },
} satisfies { [M in MethodName]?: ReadSpec<M> }

export type ReadMethod = keyof typeof READS

// The `satisfies` above checks each entry against its own method; TypeScript cannot follow that
// correlation through an index by a generic key, hence the one widening here.
const specOf = <M extends ReadMethod>(method: M) => READS[method] as unknown as ReadSpec<M>

/** Whether a change touches the query `[method, input]`. */
export function changeTouches<M extends ReadMethod>(method: M, input: MethodInput<M>, change: Change): boolean {
  return specOf(method).touches(change, input)
}

/** Whether this result came from an audited lookup, which only the user re-runs. */
export function isAuditedRead<M extends ReadMethod>(method: M, output: MethodOutput<M> | undefined): boolean {
  const audited = specOf(method).audited
  return output !== undefined && audited !== undefined && audited(output)
}

export function isReadMethod(name: unknown): name is ReadMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(READS, name)
}
