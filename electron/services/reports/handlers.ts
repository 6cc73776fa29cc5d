import type { MethodName } from '../../../shared/rpc/contract'
import type { reportsContract } from '../../../shared/reports/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Exports } from './exports'
import type { ReportStatistics } from './statistics'

type ReportsMethod = keyof typeof reportsContract & MethodName

/** The reports' handler entries (statistics, exports, the printable log): each one the service method itself. */
export function reportsHandlers(statistics: ReportStatistics, exports: Exports): HandlerSlice<ReportsMethod> {
  return {
    'reports.statistics': statistics.forPeriod,
    'reports.export': exports.start,
    'reports.job': exports.job,
    'reports.saveExport': exports.save,
    'reports.logHtml': exports.html,
  }
}
