import type { SessionInfo } from '../../../shared/accounts/types'
import type { User } from '../../db/schema'

/** What the core remembers of a signed-in window or browser tab. Never persisted; changed only by its store. */
export interface SessionState {
  readonly userId: number
  readonly lastActivity: number
  readonly locked: boolean
}

type Session = { -readonly [K in keyof SessionState]: SessionState[K] }

/**
 * Sessions keyed by transport: one per Electron window, one per browser-host tab. A session
 * handed out is the one the store changes, so a call's context sees a lock taken during it.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>()

  get(key: string): SessionState | undefined {
    return this.sessions.get(key)
  }

  start(key: string, userId: number, now: Date): SessionState {
    const session = { userId, lastActivity: now.getTime(), locked: false }
    this.sessions.set(key, session)
    return session
  }

  /** Locks the session; false when there is none or it was locked already. */
  lock(key: string): boolean {
    const session = this.sessions.get(key)
    if (session === undefined || session.locked) return false
    session.locked = true
    return true
  }

  /** Unlocks the session, as active now; undefined when it has ended meanwhile. */
  unlock(key: string, now: Date): SessionState | undefined {
    const session = this.sessions.get(key)
    if (session === undefined) return undefined
    session.locked = false
    session.lastActivity = now.getTime()
    return session
  }

  /** Marks the session active now (a call that passed every check). */
  touch(key: string, now: Date): void {
    const session = this.sessions.get(key)
    if (session !== undefined) session.lastActivity = now.getTime()
  }

  end(key: string): void {
    this.sessions.delete(key)
  }

  /** Ends every session of a user (disabled, password reset). */
  endAllOf(userId: number): void {
    for (const [key, s] of this.sessions) if (s.userId === userId) this.sessions.delete(key)
  }
}

/** The session as the pages see it: who is signed in, and whether the window is locked. */
export function sessionInfo(user: User, session: SessionState): SessionInfo {
  return {
    userId: user.id,
    badgeNo: user.badge_no,
    name: user.name,
    position: user.position,
    role: user.role,
    mustChangePassword: user.must_change_password === 1,
    locked: session.locked,
  }
}
