/**
 * Prints a receipt through the browser's own dialog: the receipt goes into a hidden frame
 * (no scripts may run in it), its fonts load, then the frame's print dialog opens.
 * Resolves when the dialog has closed.
 */
export async function printInBrowser(html: string): Promise<void> {
  const frame = document.createElement('iframe')
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals')
  frame.setAttribute('aria-hidden', 'true')
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden'
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }))
  frame.srcdoc = html
  document.body.appendChild(frame)
  try {
    await loaded
    const win = frame.contentWindow
    if (win === null) return
    await win.document.fonts.ready
    win.focus()
    win.print()
  } finally {
    frame.remove()
  }
}
