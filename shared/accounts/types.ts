import type { Role } from '../domain'

export interface SessionInfo {
  userId: number
  badgeNo: string
  name: string
  position: string
  role: Role
  mustChangePassword: boolean
  locked: boolean
}

/** What setup answers: the administrator's session and the hall's 恢复密钥 (recovery key), shown this once. */
export interface SetupResult extends SessionInfo {
  recoveryKey: string
}

export interface UserRow {
  id: number
  badgeNo: string
  name: string
  position: string
  role: Role
  disabled: boolean
  mustChangePassword: boolean
  createdAt: string
}
