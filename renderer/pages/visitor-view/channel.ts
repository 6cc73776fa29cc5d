import type { OnsiteRating } from '../../../shared/queue/domain'

/** What the visitor-facing view shows: the receptionist's three shows, and which were confirmed. */
export interface ShowsMessage {
  type: 'shows'
  hallName: string
  labels: [string, string, string]
  values: [string, string, string]
  shown: [boolean, boolean, boolean]
}

/** The number this desk called (请 A012 号), shown before the three shows. */
export interface CalledMessage {
  type: 'called'
  number: string
  window: number
}

export type VisitorViewMessage =
  | ShowsMessage
  | CalledMessage
  | { type: 'clear' }
  | { type: 'hello' }
  // After 登记 the view asks the visitor to rate (评价器); the answer goes back to the desk window.
  | { type: 'rate'; caseNumber: string }
  | { type: 'rated'; caseNumber: string; rating: OnsiteRating }
  | { type: 'rateDone'; caseNumber: string }

const CHANNEL = 'intake-desk.visitor-view'

/** Same-origin windows talk over a BroadcastChannel: the Electron second window and the browser pop-up alike. */
export function openChannel(onMessage: (m: VisitorViewMessage) => void): { post: (m: VisitorViewMessage) => void; close: () => void } {
  const channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (event: MessageEvent<VisitorViewMessage>) => onMessage(event.data)
  return { post: (m) => channel.postMessage(m), close: () => channel.close() }
}
