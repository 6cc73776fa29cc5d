import type { CatalogueKey } from './translate'
import { translate } from './translate'
import { zhCN } from './zh-CN'

/** A key of the zh-CN catalogue; en.ts has the same keys (SameKeys). */
export type MessageKey = CatalogueKey<typeof zhCN>

/**
 * A zh-CN string by a key the compiler checks: what the main process writes into receipts,
 * notices, exports and case events. `case.status.${status}` type-checks when status is a union.
 */
export function zhText(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(zhCN, key, params)
}
