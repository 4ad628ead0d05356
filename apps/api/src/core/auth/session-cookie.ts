import type { CookieOptions } from 'express';
import type { AppConfig } from '../config/config';

export const SESSION_COOKIE = 'tf_session';

/** The session cookie's options, the same for password and SSO sign-in. Lax is enough: the response that signs in sets it. */
export function sessionCookieOptions(config: AppConfig, expires: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.PUBLIC_HTTPS, path: '/', expires };
}
