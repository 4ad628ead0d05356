import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';

/**
 * Serves the built admin web app from the API's own port: hashed assets cached for a year,
 * index.html never cached, and every non-API (and non-SCIM) GET that accepts HTML falls back to index.html
 * so deep links work. Returns false when the app has not been built.
 */
export function serveAdminWeb(app: INestApplication, webDir: string): boolean {
  const root = path.resolve(webDir);
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    express.static(root, {
      index: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', /-[A-Z0-9]{8}\.(js|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/scim/') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
