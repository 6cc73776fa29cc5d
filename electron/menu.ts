import { zhCN } from '../shared/i18n/zh-CN'

/** The part of Electron's MenuItemConstructorOptions this menu uses (only main.ts imports electron). */
export interface MenuItem {
  label?: string
  role?: 'about' | 'quit' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'zoomIn' | 'zoomOut' | 'resetZoom' | 'togglefullscreen'
  type?: 'separator'
  submenu?: MenuItem[]
}

const m = zhCN.security.menu

/**
 * The packaged app's menu: short, Chinese, and without 开发者工具 or 重新加载 (a reload would drop
 * what the renderer holds; DevTools would let anyone at the desk script the session).
 */
export function appMenuTemplate(): MenuItem[] {
  return [
    { label: m.app, submenu: [{ label: m.about, role: 'about' }, { type: 'separator' }, { label: m.quit, role: 'quit' }] },
    {
      label: m.edit,
      submenu: [
        { label: m.undo, role: 'undo' },
        { label: m.redo, role: 'redo' },
        { type: 'separator' },
        { label: m.cut, role: 'cut' },
        { label: m.copy, role: 'copy' },
        { label: m.paste, role: 'paste' },
        { label: m.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: m.view,
      submenu: [
        { label: m.zoomIn, role: 'zoomIn' },
        { label: m.zoomOut, role: 'zoomOut' },
        { label: m.resetZoom, role: 'resetZoom' },
        { type: 'separator' },
        { label: m.fullScreen, role: 'togglefullscreen' },
      ],
    },
  ]
}

/** The data folder may be moved by INTAKE_DESK_DATA_DIR only in development or with --portable. */
export function dataDirOverride(env: NodeJS.ProcessEnv, argv: readonly string[], packaged: boolean): string | null {
  const dir = env.INTAKE_DESK_DATA_DIR
  if (dir === undefined || dir === '') return null
  return !packaged || argv.includes('--portable') ? dir : null
}
