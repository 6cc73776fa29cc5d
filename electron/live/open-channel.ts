import pg from 'pg'
import { HALL_CONNECT_TIMEOUT_MS } from '../db/postgres'
import type { ChangeChannel } from './channel'
import { createChangeChannel } from './channel'
import { postgresTransport } from './postgres-transport'

export interface ChannelOptions {
  /** The hall's PostgreSQL database; without it the channel stays in this process (one desk). */
  database?: string
  testSchema?: string
  desk: string
}

/** The desk's change channel: in-process on SQLite, LISTEN/NOTIFY between the desks of a hall. */
export function openChangeChannel(options: ChannelOptions, onError: (error: unknown) => void): ChangeChannel {
  const { database } = options
  if (database === undefined) return createChangeChannel(undefined, onError)
  const client = () =>
    new pg.Client({
      connectionString: database,
      application_name: `${options.desk.slice(0, 55)} (live)`,
      connectionTimeoutMillis: HALL_CONNECT_TIMEOUT_MS,
      keepAlive: true,
    })
  return createChangeChannel(postgresTransport({ client, ...(options.testSchema === undefined ? {} : { schema: options.testSchema }), onError }), onError)
}
