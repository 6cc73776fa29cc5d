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
