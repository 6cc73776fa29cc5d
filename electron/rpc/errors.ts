import type { z } from 'zod'
import { zhCN } from '../../shared/i18n/zh-CN'
import { translate } from '../../shared/i18n/translate'
import type { FieldError, RpcError } from '../../shared/rpc/result'
import type { AppError } from '../errors'

function keyOfIssue(issue: z.core.$ZodIssue): { key: string; params: Record<string, string> } {
  const name = issue.path.join('.') || '(根)'
  if (issue.message.startsWith('v.') || issue.message.startsWith('e.')) return { key: issue.message, params: {} }
  switch (issue.code) {
    case 'unrecognized_keys':
      return { key: 'v.unknownField', params: { name: issue.keys.join('、') } }
    case 'invalid_type':
      return { key: 'v.wrongType', params: { name } }
    case 'too_big':
      return { key: 'v.tooLong', params: {} }
    default:
      return { key: 'v.invalid', params: { name } }
  }
}

/** Turns zod's issues into field errors with Chinese messages; at most 50, most are enough. */
export function validationError(error: z.ZodError): RpcError {
  const fields: FieldError[] = error.issues.slice(0, 50).map((issue) => {
    const { key, params } = keyOfIssue(issue)
    return { path: issue.path.map(String).join('.'), key, message: translate(zhCN, key, params) }
  })
  const first = fields[0]
  return {
    code: 'VALIDATION',
    key: first?.key ?? 'e.VALIDATION',
    message: first?.message ?? translate(zhCN, 'e.VALIDATION'),
    fields,
  }
}

/** The answer for an expected refusal raised by a service. */
export function appErrorToRpc(error: AppError): RpcError {
  const fields = error.fields.map((f) => ({ ...f, message: translate(zhCN, f.key, error.params) }))
  const first = fields[0]
  // A single-field refusal reads best as that field's own message.
  const key = first !== undefined && error.key === 'e.VALIDATION' ? first.key : error.key
  return {
    code: error.code,
    key,
    message: translate(zhCN, key, error.params),
    params: error.params,
    ...(fields.length > 0 ? { fields } : {}),
  }
}

export function rpcError(code: RpcError['code'], key = `e.${code}`, params: Record<string, string | number> = {}): RpcError {
  return { code, key, message: translate(zhCN, key, params), params }
}
