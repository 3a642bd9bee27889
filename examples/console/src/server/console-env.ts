import type { Reviewer } from '../app/reviewers';
import type { Session } from './session';

/** What the sign-in middleware puts on every request it lets through. */
export interface ConsoleEnv {
  Variables: { reviewer: Reviewer; session: Session; csrfToken: string };
}
