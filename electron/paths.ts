import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'Intake Desk'
/** The hall's SQLite database, in the data folder. */
export const DATABASE_FILE = 'intake-desk.sqlite3'

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for this
 * product name, so the browser host and the desktop app open the same database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}
