import { Radio } from 'antd'

interface Props<V extends string> {
  id: string
  value: V | null | undefined
  onChange: (value: V) => void
  options: { value: V; label: string }[]
  size?: 'large'
}

/** A field's few choices as a row of buttons, the chosen one solid (路由, 来访形式, 满意度). */
export function ChoiceButtons<V extends string>({ id, value, onChange, options, size }: Props<V>) {
  return (
    <Radio.Group
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value as V)}
      optionType="button"
      buttonStyle="solid"
      {...(size === undefined ? {} : { size })}
      options={options}
    />
  )
}
