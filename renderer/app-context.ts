import { createContext, useContext } from 'react'
import type { SessionInfo } from '../shared/accounts/types'
import type { AppStatus, HallInfo } from '../shared/app/types'

export interface AppContextValue {
  status: AppStatus
  hall: HallInfo
  session: SessionInfo
  refresh: () => Promise<void>
}

export const AppContext = createContext<AppContextValue | null>(null)

/** The signed-in user and the hall; only used below the app shell. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext)
  if (value === null) throw new Error('useApp outside the signed-in shell')
  return value
}
