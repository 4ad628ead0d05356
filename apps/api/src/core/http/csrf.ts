import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from './domain-error';

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SAML_ACS_PATH = /^\/api\/sso\/[^/]+\/acs$/;

/**
 * Double-submit CSRF protection for cookie sessions. Every API response hands the browser a random
 * token in a JS-readable cookie; every state-changing request must echo it in a header, which a page
 * on another origin can neither read nor forge. SameSite=Lax on the session cookie is the second layer.
 */
@Injectable()
export class CsrfMiddleware implements NestMiddleware {
  private readonly secure: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secure = config.PUBLIC_HTTPS;
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const cookieToken: string | undefined = req.cookies?.[CSRF_COOKIE];
    if (!cookieToken) {
      res.cookie(CSRF_COOKIE, randomBytes(32).toString('base64url'), { httpOnly: false, sameSite: 'lax', secure: this.secure, path: '/' });
    }
    if (SAFE_METHODS.has(req.method)) return next();
    // The SAML ACS is posted by the IdP's page, which cannot know our token; the signed response is its proof.
    if (req.method === 'POST' && SAML_ACS_PATH.test(req.originalUrl.split('?')[0])) return next();
    // A bearer-token caller (operator, API token, SCIM client) sends no cookies, and a browser never adds an
    // Authorization header on its own, so a forged cross-site request cannot carry one.
    if (/^Bearer /i.test(req.get('authorization') ?? '') && !req.get('cookie')) return next();
    const headerToken = req.get(CSRF_HEADER);
    if (!cookieToken || !headerToken || !safeEqual(cookieToken, headerToken)) {
      throw new DomainError('CSRF_TOKEN_MISMATCH', 'This request is missing its security token. Reload the page and try again.');
    }
    next();
  }
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
