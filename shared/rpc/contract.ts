import type { z } from 'zod'
import { appContract } from '../app/contract'
import { accountsContract } from '../accounts/contract'
import { auditContract } from '../audit/contract'
import { intakeContract } from '../intake/contract'
import { mattersContract } from '../matters/contract'
import { receiptsContract } from '../receipts/contract'
import { settingsContract } from '../settings/contract'
import { casesContract } from '../cases/contract'
import { hallDataContract } from '../hall-data/contract'
import { reportsContract } from '../reports/contract'
import { backupContract } from '../backup/contract'
import { queueContract } from '../queue/contract'
import { retentionContract } from '../retention/contract'
import { hallMoveContract } from '../hall-move/contract'
import { hallConnectionContract } from '../hall-connection/contract'

export type { Access, MethodSpec } from './method'

/** The one RPC contract: method name to input schema, access rule and result type. */
export const contract = {
  ...appContract,
  ...accountsContract,
  ...auditContract,
  ...intakeContract,
  ...mattersContract,
  ...receiptsContract,
  ...settingsContract,
  ...casesContract,
  ...hallDataContract,
  ...reportsContract,
  ...backupContract,
  ...queueContract,
  ...retentionContract,
  ...hallMoveContract,
  ...hallConnectionContract,
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodParsed<M extends MethodName> = z.output<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['output']> extends never
  ? null
  : Exclude<Contract[M]['output'], undefined>

/** Whether a string names a method of the contract. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}
