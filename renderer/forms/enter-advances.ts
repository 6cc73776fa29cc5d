import type { KeyboardEvent } from 'react'

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * Enter in a one-line field moves to the next field, as on a paper form; in a text area it
 * still makes a new line, and in a drop-down it still picks the option. Returns 'end' when
 * the field was the last one of the container, so the caller can go on to the next step.
 */
export function enterAdvances(event: KeyboardEvent<HTMLElement>): 'moved' | 'end' | 'ignored' {
  if (event.key !== 'Enter' || event.ctrlKey || event.altKey || event.shiftKey || event.metaKey) return 'ignored'
  if (event.nativeEvent.isComposing) return 'ignored' // an IME is choosing characters
  const target = event.target as HTMLElement
  if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return 'ignored'
  if (target.closest('.ant-select') !== null) return 'ignored'
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.offsetParent !== null && el.tabIndex >= 0 && !el.closest('.ant-select-dropdown'),
  )
  const index = items.indexOf(target)
  if (index < 0) return 'ignored'
  event.preventDefault()
  const next = items[index + 1]
  if (next === undefined) return 'end'
  next.focus()
  return 'moved'
}
