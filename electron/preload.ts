import { contextBridge, ipcRenderer } from 'electron'

// The renderer's only doors to the main process: one function to call, one to hear what changed.
// The main side validates every argument; nothing of ipcRenderer itself is exposed, and a
// listener gets the change's plain data, never the IPC event.
contextBridge.exposeInMainWorld('intakeDesk', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('rpc', method, input),
  onChange: (listener: (event: unknown) => void): (() => void) => {
    const forward = (_event: unknown, change: unknown) => listener(change)
    ipcRenderer.on('changes', forward)
    return () => ipcRenderer.removeListener('changes', forward)
  },
})
