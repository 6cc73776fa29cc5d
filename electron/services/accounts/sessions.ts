/** What the core remembers of a signed-in window or browser tab. Never persisted. */
export interface SessionState {
  userId: number
  lastActivity: number
  locked: boolean
}

/** Sessions keyed by transport: one per Electron window, one per browser-host tab. */
export class SessionStore {
  private readonly sessions = new Map<string, SessionState>()

  get(key: string): SessionState | undefined {
    return this.sessions.get(key)
  }

  start(key: string, userId: number, now: Date): SessionState {
    const session = { userId, lastActivity: now.getTime(), locked: false }
    this.sessions.set(key, session)
    return session
  }

  end(key: string): void {
    this.sessions.delete(key)
  }

  /** Ends every session of a user (disabled, password reset). */
  endAllOf(userId: number): void {
    for (const [key, s] of this.sessions) if (s.userId === userId) this.sessions.delete(key)
  }
}
