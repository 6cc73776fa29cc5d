import { contextBridge, ipcRenderer } from 'electron'

// The renderer's only door to the main process: one function, one channel. The main side
// validates every argument; nothing of ipcRenderer itself is exposed.
contextBridge.exposeInMainWorld('intakeDesk', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('rpc', method, input),
})
