import { randomUUID } from 'node:crypto';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { redactingStdout } from './log-redaction';

/** JSON logs with the request id on every line of a request; secrets in URLs redacted on every line. */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          // requestIdMiddleware (main.ts) has set req.id already; the fallback covers contexts without it.
          genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
          // The URL is logged (redacted); its parsed copies are not: a route parameter may be an invite token.
          serializers: { req: ({ params: _params, query: _query, ...req }: Record<string, unknown>) => req },
          redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]'],
          customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/api/health/live' },
          base: { role: config.TEAMFRAME_ROLE },
          // Written through the redacting stream: invite tokens and signatures in URLs never reach the log.
          stream: redactingStdout,
        },
      }),
    }),
  ],
})
export class LoggerModule {}
