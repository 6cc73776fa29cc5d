/** What the visitor-facing view shows: the receptionist's three shows, and which were confirmed. */
export interface ShowsMessage {
  type: 'shows'
  hallName: string
  labels: [string, string, string]
  values: [string, string, string]
  shown: [boolean, boolean, boolean]
}

export type VisitorViewMessage = ShowsMessage | { type: 'clear' } | { type: 'hello' }

const CHANNEL = 'intake-desk.visitor-view'

/** Same-origin windows talk over a BroadcastChannel: the Electron second window and the browser pop-up alike. */
export function openChannel(onMessage: (m: VisitorViewMessage) => void): { post: (m: VisitorViewMessage) => void; close: () => void } {
  const channel = new BroadcastChannel(CHANNEL)
  channel.onmessage = (event: MessageEvent<VisitorViewMessage>) => onMessage(event.data)
  return { post: (m) => channel.postMessage(m), close: () => channel.close() }
}
