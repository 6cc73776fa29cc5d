import type { ParseKeys, TFunction } from 'i18next'
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
  'report.print': 'reportPrint',
  'backup.create': 'backupCreate',
  'backup.restore': 'backupRestore',
  'audit.verify': 'auditVerify',
  'audit.adminAccess': 'adminAccess',
  'auth.changePassword.failed': 'changePasswordFailed',
  'visitor.lookupIdNumber': 'lookupIdNumber',
  'visitor.viewPhone': 'revealPhone',
  'retention.update': 'retentionUpdate',
  'retention.purge': 'retentionPurge',
  'hall.move': 'hallMove',
  'queue.settings': 'queueSettings',
  'hallConnection.save': 'hallConnection',
  'hallConnection.join': 'hallConnectionJoin',
}

function has<K extends string>(record: Readonly<Record<string, K>>, key: string): K | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** An action in words: 登录, 案件·交办 …, or the raw name when there is no label for it. */
export function actionLabel(t: TFunction, action: string, detail?: string): string {
  // The idle lock is written as auth.lock with reason idle: 自动锁定, not a lock by hand.
  if (action === 'auth.lock' && detail !== undefined && parse(detail)?.reason === 'idle') return t('audit.actions.autoLock')
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function parse(detail: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(detail)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

type DetailKey = keyof typeof zhCN.audit.details

/** Values written as codes, to the catalogue's words. */
function valueText(t: TFunction, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no')
  if (Array.isArray(value)) return value.map((v) => valueText(t, key, v)).join(t('app.enumSeparator'))
  if (typeof value === 'object') return detailText(t, value as Record<string, unknown>)
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(value)
  const catalogue: Record<string, string> = {
    role: 'user.roles',
    target: 'print.targets',
    layout: 'print.layouts',
    document: 'notice.titles',
    status: 'case.status',
    routing: 'routing',
    kind: 'audit.kinds',
    fields: 'audit.fieldNames',
    via: 'audit.via',
    during: 'audit.during',
    format: 'audit.formats',
  }
  const prefix = catalogue[key]
  if (prefix !== undefined) {
    // A code the catalogue lacks comes back as the key itself and is shown as written.
    const k = `${prefix}.${text}` as ParseKeys
    const translated = t(k)
    if (translated !== k) return translated
  }
  if (key === 'reason' && (text === 'manual' || text === 'idle' || text === 'unknown' || text === 'disabled')) return t(`audit.reasons.${text}`)
  return text
}

/**
 * A detail in words: 原因：核对身份；工位：DESK-1 …; before/after as 改前/改后. Keys without a
 * label are left out rather than shown in English.
 */
export function detailText(t: TFunction, detail: Record<string, unknown>): string {
  const parts: string[] = []
  const changes: string[] = []
  const { before, after } = detail
  if (isRecord(before) && isRecord(after)) {
    // A change: only what changed, as 空闲自动锁定（分钟）：10 → 5.
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!Object.hasOwn(zhCN.audit.details, key) || JSON.stringify(before[key]) === JSON.stringify(after[key])) continue
      changes.push(t('app.labelled', { label: t(`audit.details.${key as DetailKey}`), value: `${valueText(t, key, before[key])} → ${valueText(t, key, after[key])}` }))
    }
    detail = Object.fromEntries(Object.entries(detail).filter(([k]) => k !== 'before' && k !== 'after'))
  }
  for (const [key, value] of Object.entries(detail)) {
    if (!Object.hasOwn(zhCN.audit.details, key)) continue
    parts.push(t('app.labelled', { label: t(`audit.details.${key as DetailKey}`), value: valueText(t, key, value) }))
  }
  return [...parts, ...changes].join(t('app.listSeparator'))
}

/**
 * An entry as a sentence: 李接待 登记 WH-20261202-0003; 王值班 查看完整身份证号 WH-…，原因：…;
 * the rest of the detail follows in words.
 */
export function auditSentence(t: TFunction, row: { userName: string | null; action: string; entity: string | null; entityId: string | null; detail: string }): { sentence: string; details: string } {
  const who = row.userName ?? t('audit.system')
  const detail = parse(row.detail) ?? {}
  const what = row.action === 'intake.register' ? t('audit.verbs.register') : actionLabel(t, row.action, row.detail)
  const object = row.entity === 'visit' ? (row.entityId ?? '') : entityLabel(t, row.entity, row.entityId)
  let sentence = [who, what, object].filter((x) => x !== '').join(' ')
  const rest: Record<string, unknown> = { ...detail }
  if (row.action === 'visitor.viewIdNumber' && typeof detail.reason === 'string') {
    sentence += t('audit.becauseOf', { reason: detail.reason })
    delete rest.reason
  }
  if (row.action === 'auth.lock') delete rest.reason
  return { sentence, details: detailText(t, rest) || '—' }
}
