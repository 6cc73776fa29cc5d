import type { HandlerSlice } from '../../rpc/context'
import type { Intake } from './intake'

/** The intake desk's handler entries: each one the service method itself. */
export function intakeHandlers(intake: Intake): HandlerSlice<'categories.list' | 'intake.register' | 'intake.history' | 'visits.today'> {
  return {
    'categories.list': intake.categories,
    'intake.register': intake.register,
    'intake.history': intake.history,
    'visits.today': intake.today,
  }
}
