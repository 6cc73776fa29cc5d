import { Form } from 'antd'
import type { ReactElement, ReactNode } from 'react'
import type { Control, ControllerRenderProps, FieldValues, Path } from 'react-hook-form'
import { Controller } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { decodeMessage } from './messages'

interface Props<T extends FieldValues, N extends Path<T>> {
  control: Control<T>
  name: N
  label?: ReactNode
  required?: boolean
  extra?: ReactNode
  help?: ReactNode
  children: (field: ControllerRenderProps<T, N>, invalid: boolean) => ReactElement
}

/** One form field: react-hook-form holds the value, antd lays it out and shows the error. */
export function FieldItem<T extends FieldValues, N extends Path<T>>({ control, name, label, required, extra, help, children }: Props<T, N>) {
  const { t } = useTranslation()
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const message = fieldState.error?.message
        const decoded = message === undefined ? undefined : decodeMessage(message)
        return (
          <Form.Item
            label={label}
            required={required}
            extra={extra}
            validateStatus={decoded ? 'error' : undefined}
            help={decoded ? <span role="alert">{t(decoded.key, decoded.params)}</span> : help}
          >
            {children(field, decoded !== undefined)}
          </Form.Item>
        )
      }}
    />
  )
}
