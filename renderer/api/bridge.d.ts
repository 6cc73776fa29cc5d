/** What the Electron preload exposes; absent in the browser host. */
interface IntakeDeskBridge {
  call: (method: string, input: unknown) => Promise<unknown>
}

interface Window {
  intakeDesk?: IntakeDeskBridge
}
