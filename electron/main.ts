import { join } from 'node:path'
import type { BrowserWindowConstructorOptions, WebContents } from 'electron'
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session } from 'electron'
import type { CoreHost } from './core-host'
import { openCoreHost } from './core-host'
import { DatabaseFromFutureError } from './db/migrate'
import { CONTENT_SECURITY_POLICY } from './host/security'
import { rpcError } from './rpc/errors'
import { readStatic } from './host/static-files'
import { PRODUCT_NAME } from './paths'
import { electronPrinter } from './print/electron-printer'
import { appMenuTemplate, dataDirOverride } from './menu'
import { osKeyStore } from './services/keys/key-store'
import { osHallConnectionStore, savedHallDatabase } from './services/hall-connection/store'
import { HallKeyMissingError } from './services/keys/hall-secret'

const ORIGIN = 'app://intake'
const INDEX_URL = `${ORIGIN}/index.html`
const VISITOR_VIEW_URL = `${INDEX_URL}#/visitor-view`
/** The hall screen (叫号大屏), optionally on a chosen display: #/hall-screen or #/hall-screen/2 (the second display). */
const HALL_SCREEN_URL = /^app:\/\/intake\/index\.html(\?[^#]*)?#\/hall-screen(?:\/(\d))?$/
const RENDERER_DIR = join(__dirname, '..', 'renderer')

app.setName(PRODUCT_NAME)
// Development, tests and an explicit --portable may point the app at another data folder; an
// installed app ignores the variable, so nobody redirects a desk's database by setting it.
const dataDir = dataDirOverride(process.env, process.argv, app.isPackaged)
if (dataDir !== null) app.setPath('userData', dataDir)
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

function hardenedPreferences(): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
    // The packaged app has no DevTools: anyone at the desk could script the signed-in session.
    devTools: !app.isPackaged,
    preload: join(__dirname, 'preload.cjs'),
  }
}

function isOwnPage(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(`${ORIGIN}/`)
}

/** Every web contents: no navigation away, no windows except the visitor-facing view. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault()
  })
  // A redirect is a navigation too: the same rule.
  contents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const hallScreen = HALL_SCREEN_URL.exec(url)
    if (hallScreen !== null) {
      // Full screen on the chosen display (1-based), or on one that is not the desk's own.
      const displays = screen.getAllDisplays()
      const chosen = hallScreen[2] === undefined ? undefined : displays[Number(hallScreen[2]) - 1]
      const display = chosen ?? displays.find((d) => d.id !== screen.getPrimaryDisplay().id) ?? screen.getPrimaryDisplay()
      const { x, y, width, height } = display.bounds
      return {
        action: 'allow',
        overrideBrowserWindowOptions: { x, y, width, height, fullscreen: true, autoHideMenuBar: true, webPreferences: hardenedPreferences() },
      }
    }
    if (url !== VISITOR_VIEW_URL) return { action: 'deny' }
    // The visitor view goes on a second screen when one is attached (三亮 faces the visitor).
    const primary = screen.getPrimaryDisplay()
    const other = screen.getAllDisplays().find((d) => d.id !== primary.id)
    const area = (other ?? primary).workArea
    return {
      action: 'allow',
      overrideBrowserWindowOptions: {
        x: area.x,
        y: area.y,
        width: Math.min(1024, area.width),
        height: Math.min(768, area.height),
        fullscreen: other !== undefined,
        autoHideMenuBar: true,
        webPreferences: hardenedPreferences(),
      },
    }
  })
}

function createMainWindow(core: CoreHost): void {
  const win = new BrowserWindow({
    width: 1360,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: '接访台 Intake Desk',
    webPreferences: hardenedPreferences(),
  })
  const id = win.webContents.id
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => core.core.sessions.end(`ipc:${id}`))
  void win.loadURL(INDEX_URL)
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  // Checks as well as requests: no permission is ever reported as granted.
  session.defaultSession.setPermissionCheckHandler(() => false)
  if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate()))
  protocol.handle('app', async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'intake') return new Response('Not found', { status: 404 })
    const file = await readStatic(RENDERER_DIR, url.pathname === '/' ? '/index.html' : url.pathname)
    if (file === null) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    })
  })

  let core: CoreHost
  try {
    // 连接大厅数据库: the connection saved on the first run or by an administrator, its password kept by safeStorage.
    const hallConnectionStore = osHallConnectionStore(app.getPath('userData'), safeStorage)
    const database = savedHallDatabase(hallConnectionStore)
    core = await openCoreHost({
      dataDir: app.getPath('userData'),
      hallConnectionStore,
      ...(database === undefined ? {} : { database }),
      // The hall's secret (the audit key) is held by the operating system: DPAPI, Keychain, libsecret.
      keyStore: osKeyStore(app.getPath('userData'), safeStorage),
      fontDir: join(__dirname, '..', 'fonts'),
      warmFonts: true,
      printer: electronPrinter(() => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null),
      // Before setup the first screen offers 单机使用 or 连接大厅数据库; the join switches without a restart.
      firstRunChoice: true,
    }, (line) => console.log(`[intake-desk] ${line}`))
  } catch (error) {
    const message =
      error instanceof DatabaseFromFutureError
        ? `数据库由更新版本的接访台创建（版本 ${error.found}），请升级本程序。`
        : error instanceof HallKeyMissingError
          ? '本机没有这个大厅数据库的密钥：请用恢复密钥启动（设置环境变量 INTAKE_DESK_KEY）后再打开。'
          : `无法打开数据库：${error instanceof Error ? error.message : String(error)}`
    dialog.showErrorBox('接访台', message)
    app.exit(1)
    return
  }

  app.on('web-contents-created', (_event, contents) => harden(contents))
  ipcMain.handle('rpc', (event, method: unknown, input: unknown) => {
    // Only our own pages may call the core; a frame from anywhere else gets nothing.
    if (!isOwnPage(event.senderFrame?.url)) return { ok: false, error: rpcError('FORBIDDEN') }
    return core.dispatch(`ipc:${event.sender.id}`, method, input)
  })
  // What another window or desk committed, told to every signed-in page of ours (ids only).
  core.changes.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents
      if (isOwnPage(contents.getURL()) && core.mayHear(`ipc:${contents.id}`)) contents.send('changes', event)
    }
  })
  createMainWindow(core)
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('window-all-closed', () => {
    void core.close().then(() => app.quit())
  })
}

void start()
