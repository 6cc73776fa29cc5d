import { Input } from 'antd'
import type { ReactNode } from 'react'
import type { Control, FieldValues, Path } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FieldItem } from '../../forms/FieldItem'

/** A form that sets someone's password: the password and its confirmation. */
type PasswordForm = FieldValues & { password: string; confirmPassword: string }

interface Props<T extends PasswordForm> {
  control: Control<T>
  label: ReactNode
  help: ReactNode
  autoFocus?: boolean
}

/** A new password and 确认密码, as 添加用户 and 重置密码 ask for them (never filled in by the browser). */
export function NewPasswordFields<T extends PasswordForm>({ control, label, help, autoFocus = false }: Props<T>) {
  const { t } = useTranslation()
  // Both names are fields of every PasswordForm; TypeScript cannot see that through the generic.
  const password = 'password' as Path<T>
  const confirmPassword = 'confirmPassword' as Path<T>
  return (
    <>
      <FieldItem control={control} name={password} label={label} required help={help}>
        {(f) => <Input.Password {...f} autoFocus={autoFocus} autoComplete="new-password" />}
      </FieldItem>
      <FieldItem control={control} name={confirmPassword} label={t('user.confirmPassword')} required>
        {(f) => <Input.Password {...f} autoComplete="new-password" />}
      </FieldItem>
    </>
  )
}
