import type { TFunction } from 'i18next'
import { zhCN } from '../../../shared/i18n/zh-CN'

type ActionKey = keyof typeof zhCN.audit.actions
type EntityKey = keyof typeof zhCN.audit.entities
type CaseStep = keyof typeof zhCN.case.actions

/** The action names the services write, to their labels; an unknown action shows as written. */
const ACTION_LABELS: Readonly<Record<string, ActionKey>> = {
  'hall.setup': 'hallSetup',
  'auth.signIn': 'signIn',
  'auth.signIn.failed': 'signInFailed',
  'auth.accountLocked': 'accountLocked',
  'auth.lock': 'lock',
  'auth.unlock': 'unlock',
  'auth.unlock.failed': 'unlockFailed',
  'auth.signOut': 'signOut',
  'user.changePassword': 'changePassword',
  'user.create': 'userCreate',
  'user.update': 'userUpdate',
  'user.resetPassword': 'userResetPassword',
  'intake.register': 'intakeRegister',
  'receipt.print': 'receiptPrint',
  'receipt.reprint': 'receiptReprint',
  'receipt.printed': 'receiptPrinted',
  'receipt.failed': 'receiptFailed',
  'visitor.viewIdNumber': 'viewIdNumber',
  'settings.update': 'settingsUpdate',
  'units.add': 'unitsAdd',
  'units.update': 'unitsUpdate',
  'categories.add': 'categoriesAdd',
  'categories.update': 'categoriesUpdate',
  'holidays.update': 'holidaysUpdate',
  'leader.reception': 'leaderReception',
  'report.export': 'reportExport',
  'backup.create': 'backupCreate',
  'backup.restore': 'backupRestore',
  'audit.verify': 'auditVerify',
  'audit.adminAccess': 'adminAccess',
  'auth.changePassword.failed': 'changePasswordFailed',
  'visitor.lookupIdNumber': 'lookupIdNumber',
  'visitor.viewPhone': 'revealPhone',
}

function has<K extends string>(record: Readonly<Record<string, K>>, key: string): K | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** An action in words: 登录, 案件·交办 …, or the raw name when there is no label for it. */
export function actionLabel(t: TFunction, action: string): string {
  const key = has(ACTION_LABELS, action)
  if (key !== undefined) return t(`audit.actions.${key}`)
  const step = /^case\.(\w+)$/.exec(action)?.[1]
  if (step !== undefined && Object.hasOwn(zhCN.case.actions, step)) {
    return t('audit.caseAction', { step: t(`case.actions.${step as CaseStep}`) })
  }
  return action
}

/** What an entry is about: 用户 3, 案件 WH-20261122-0001 … */
export function entityLabel(t: TFunction, entity: string | null, entityId: string | null): string {
  if (entity === null) return entityId ?? ''
  const name = Object.hasOwn(zhCN.audit.entities, entity)
    ? t(`audit.entities.${entity as EntityKey}`)
    : entity
  return entityId === null ? name : `${name} ${entityId}`
}

/** A detail object on one line, readable: {before: {role: receptionist}, after: {…}}; {} is a dash. */
export function compactDetail(detail: string): string {
  let value: unknown
  try {
    value = JSON.parse(detail)
  } catch {
    return detail
  }
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) return '—'
  return compact(value)
}

function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${compact(v)}`)
      .join(', ')}}`
  }
  if (value === '') return '""'
  return typeof value === 'string' ? value : String(value)
}
