import { MAX_WINDOW } from '../../../shared/queue/domain'

const KEY = 'intake-desk.window'

/** This desk's window number, kept on the desk (a desk stays at its window; a user may move). */
export function savedWindow(): number | null {
  const n = Number(localStorage.getItem(KEY))
  return Number.isInteger(n) && n >= 1 && n <= MAX_WINDOW ? n : null
}

export function saveWindow(n: number): void {
  localStorage.setItem(KEY, String(n))
}
