import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';

const sessionCookie = 'guardloop_console_session';
const signInCookie = 'guardloop_console_sign_in';
const cookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/' } as const;

export interface Session {
  reviewerId: string;
  /** Random per session; the CSRF token is its HMAC, so a forged form cannot know it. */
  nonce: string;
}

/** Signed, HttpOnly, SameSite=Lax session cookies and the CSRF tokens bound to them. */
export function createSessions(secret: string) {
  const mac = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  const equal = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  return {
    async read(context: Context): Promise<Session | undefined> {
      const value = await getSignedCookie(context, secret, sessionCookie);
      if (typeof value !== 'string') return undefined;
      const [reviewerId, nonce] = value.split('.');
      return reviewerId && nonce ? { reviewerId, nonce } : undefined;
    },
    async start(context: Context, reviewerId: string): Promise<void> {
      const nonce = randomBytes(18).toString('base64url');
      await setSignedCookie(
        context,
        sessionCookie,
        `${reviewerId}.${nonce}`,
        secret,
        cookieOptions,
      );
      deleteCookie(context, signInCookie, { path: '/' });
    },
    end: (context: Context) => void deleteCookie(context, sessionCookie, { path: '/' }),
    csrfToken: (session: Session) => mac(`csrf:${session.nonce}`),
    checkCsrf: (session: Session, token: unknown) =>
      typeof token === 'string' && equal(token, mac(`csrf:${session.nonce}`)),
    /** The sign-in form has no session yet: its token is bound to a signed pre-session cookie. */
    async signInToken(context: Context): Promise<string> {
      const existing = await getSignedCookie(context, secret, signInCookie);
      const nonce = typeof existing === 'string' ? existing : randomBytes(18).toString('base64url');
      if (existing !== nonce)
        await setSignedCookie(context, signInCookie, nonce, secret, cookieOptions);
      return mac(`sign-in:${nonce}`);
    },
    async checkSignInToken(context: Context, token: unknown): Promise<boolean> {
      const nonce = await getSignedCookie(context, secret, signInCookie);
      return (
        typeof nonce === 'string' &&
        typeof token === 'string' &&
        equal(token, mac(`sign-in:${nonce}`))
      );
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
