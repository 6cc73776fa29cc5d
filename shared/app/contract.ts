import { method, none } from '../rpc/method'
import type { AppStatus, DeskLink } from './types'

/** The app slice of the RPC contract. */
export const appContract = {
  'app.status': method<AppStatus>()(none, 'public'),
  // The desk's name and its link to the hall's database, for the header: never reads the database.
  'app.link': method<DeskLink>()(none, 'public', { desk: true }),
} as const
