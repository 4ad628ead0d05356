import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorBody } from '../../core/http/error.filter';

/**
 * The SSO browser routes (login redirect, ACS form post) are reached by navigation, not by the web
 * app's fetch: a person would otherwise see raw JSON. Browsers get a small page with the same status
 * and sentence; API clients get the usual JSON body.
 */
@Catch()
export class SsoErrorPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request & { id?: string }>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = toErrorBody(exception, String(req.id ?? ''));
    if (status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'unhandled error');
    if (res.headersSent) return;
    if (req.accepts(['json', 'html']) !== 'html') {
      res.status(status).json(body);
      return;
    }
    const title = status === 403 ? 'Ask your administrator' : 'Sign-in did not work';
    res
      .status(status)
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Teamframe</title></head>` +
          `<body><main><h1>${title}</h1><p>${escapeHtml(body.error.message)}</p>` +
          `<p><a href="/">Back to Teamframe</a></p><p><small>Reference: ${escapeHtml(body.error.requestId)}</small></p></main></body></html>`,
      );
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
