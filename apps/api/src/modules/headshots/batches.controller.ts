import { Body, Controller, Get, HttpCode, Logger, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { type ApplyStyleCountDto, ApplyStyleRequestSchema, type BatchProgressDto, type StartBatchRequest, StartBatchSchema } from '@teamframe/shared-types';
import type { Response } from 'express';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { BatchesService } from './batches.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'Nothing with this id in your organisation.') });
const SSE_INTERVAL_MS = 1_000;

@ApiTags('batches')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller()
export class BatchesController {
  private readonly logger = new Logger(BatchesController.name);

  constructor(private readonly batches: BatchesService) {}

  @Post('batches')
  @ApiOperation({ summary: 'Process the waiting selfies (all, or of the given employees) with the current style, pinned.' })
  @ApiBody({ schema: jsonSchema(StartBatchSchema) })
  start(@Auth() auth: AuthContext, @Body(new ZodPipe(StartBatchSchema)) body: StartBatchRequest): Promise<BatchProgressDto> {
    return this.batches.start(auth, body);
  }

  @Post('batches/apply-style')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply the current style to existing headshots (approved and/or in review): dryRun counts, otherwise starts a pinned batch.' })
  @ApiBody({ schema: jsonSchema(ApplyStyleRequestSchema) })
  applyStyle(@Auth() auth: AuthContext, @Body(new ZodPipe(ApplyStyleRequestSchema)) body: { states: ('approved' | 'in_review')[]; dryRun: boolean }): Promise<ApplyStyleCountDto | BatchProgressDto> {
    return this.batches.applyCurrentStyle(auth, body.states, body.dryRun);
  }

  @Get('batches')
  list(@Auth() auth: AuthContext): Promise<BatchProgressDto[]> {
    return this.batches.list(auth);
  }

  @Get('batches/:id')
  progress(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<BatchProgressDto> {
    return this.batches.progress(auth, id);
  }

  @Get('batches/:id/events')
  @SkipThrottle()
  @ApiOperation({ summary: 'Server-sent events: the batch progress every second until it is done.' })
  async events(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    let progress = await this.batches.progress(auth, id);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    const send = (p: BatchProgressDto) => res.write(`event: progress\ndata: ${JSON.stringify(p)}\n\n`);
    let closed = false;
    res.on('close', () => (closed = true));
    // A write to a connection that just broke errors on the response; the loop ends on 'close'.
    res.on('error', () => (closed = true));
    send(progress);
    try {
      while (!closed && !progress.done) {
        await new Promise((r) => setTimeout(r, SSE_INTERVAL_MS));
        if (closed) break;
        progress = await this.batches.progress(auth, id);
        send(progress);
      }
    } catch (e) {
      // The headers are out, so no error answer can follow: log it, and the client reconnects.
      this.logger.warn({ err: e, batchId: id }, 'batch progress stream ended early');
    }
    res.end();
  }

  @Post('headshots/:id/retry')
  @HttpCode(204)
  @ApiOperation({ summary: 'Retry a failed headshot.' })
  retry(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    return this.batches.retry(auth, id);
  }
}
