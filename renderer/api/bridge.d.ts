/** What the Electron preload exposes; absent in the browser host. */
interface IntakeDeskBridge {
  call: (method: string, input: unknown) => Promise<unknown>
  /** Hears what the hall committed (a LiveEvent, checked by the caller); returns the unsubscribe. */
  onChange: (listener: (event: unknown) => void) => () => void
}

interface Window {
  intakeDesk?: IntakeDeskBridge
}
