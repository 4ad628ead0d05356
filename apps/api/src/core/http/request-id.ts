import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const WELL_FORMED = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id before anything else runs (body parsing included), so even a request
 * refused by the JSON parser answers with one. A well-formed X-Request-Id from a proxy is kept.
 */
export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}
