import { method } from '../rpc/method'
import { admins, officers } from '../rpc/roles'
import { exportSchema, jobSchema, periodSchema } from './schemas'
import type { ExportJob, Statistics } from './types'

/** The reports slice of the RPC contract. */
export const reportsContract = {
  'reports.statistics': method<Statistics>()(periodSchema, officers),
  'reports.export': method<ExportJob>()(exportSchema, admins),
  'reports.job': method<ExportJob>()(jobSchema, admins),
  'reports.saveExport': method<{ path: string } | null>()(jobSchema, admins),
  'reports.logHtml': method<{ html: string; fileName: string }>()(periodSchema, admins),
} as const
