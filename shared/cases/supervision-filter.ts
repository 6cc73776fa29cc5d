import { DUE_SOON_DAYS, addDays } from '../deadlines'

export type SupervisionCount = 'overdue' | 'dueSoon' | 'extended' | 'paused' | 'open' | 'withRepeats'

interface Row {
  dueDate: string | null
  extended: boolean
  paused: boolean
  /** Later visits confirmed as the same matter (issue #16). */
  repeatVisits: number
}

/** Whether an open case counts under a 督办 summary card (the card's number and its filter agree). */
export function countsUnder(key: SupervisionCount, row: Row, today: string): boolean {
  switch (key) {
    case 'open':
      return true
    case 'overdue':
      return row.dueDate !== null && row.dueDate < today
    case 'dueSoon':
      return row.dueDate !== null && row.dueDate >= today && row.dueDate <= addDays(today, DUE_SOON_DAYS)
    case 'extended':
      return row.extended
    case 'paused':
      return row.paused
    case 'withRepeats':
      return row.repeatVisits > 0
  }
}
