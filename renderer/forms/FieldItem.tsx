import { Form } from 'antd'
import type { ReactElement, ReactNode } from 'react'
import type { Control, ControllerRenderProps, FieldValues, Path } from 'react-hook-form'
import { Controller } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { messageText } from './messages'

interface Props<T extends FieldValues, N extends Path<T>> {
  control: Control<T>
  name: N
  label?: ReactNode
  required?: boolean
  extra?: ReactNode
  help?: ReactNode
  /** Receives the field with an `id` that the label points at (for keyboard and screen readers). */
  children: (field: ControllerRenderProps<T, N> & { id: string }, invalid: boolean) => ReactElement
}

/** The element id of a form field: visitor.idNumber → field-visitor-idNumber. */
export function fieldId(name: string): string {
  return `field-${name.replace(/\./g, '-')}`
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
                const id = fieldId(name)
        return (
          <Form.Item
            htmlFor={id}
            label={label}
            required={required}
            extra={extra}
            validateStatus={message !== undefined ? 'error' : undefined}
            help={message !== undefined ? <span role="alert">{messageText(t, message)}</span> : help}
          >
            {children({ ...field, id }, message !== undefined)}
          </Form.Item>
        )
      }}
    />
  )
}
