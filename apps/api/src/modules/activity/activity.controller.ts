import { Controller, Get, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { ActivityDto } from '@teamframe/shared-types';
import type { Response } from 'express';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { ActivityService } from './activity.service';

/** How often an open channel looks for changes; the snapshot is two indexed queries. */
const POLL_MS = 2_000;
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

@ApiTags('activity')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller('activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get()
  @ApiOperation({ summary: "The org's to-do numbers: waiting for review, missing selfies, waiting for a batch, rendering, failed." })
  snapshot(@Auth() auth: AuthContext): Promise<ActivityDto> {
    return this.activity.snapshot(auth.orgId);
  }

  @Get('events')
  @SkipThrottle()
  @ApiOperation({ summary: 'Server-sent events: an `activity` event with the snapshot at once and whenever it changes.' })
  async events(@Auth() auth: AuthContext, @Res() res: Response): Promise<void> {
    let closed = false;
    res.on('close', () => (closed = true));
    let last = '';
    let quietSince = Date.now();
    const first = await this.activity.snapshot(auth.orgId);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    for (let snap: ActivityDto | null = first; !closed; ) {
      const json = snap ? JSON.stringify(snap) : last;
      if (json !== last) {
        res.write(`event: activity\ndata: ${json}\n\n`);
        last = json;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= HEARTBEAT_MS) {
        res.write(': still here\n\n');
        quietSince = Date.now();
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (closed) break;
      // A failed query (database restarting) skips a beat instead of ending the stream.
      snap = await this.activity.snapshot(auth.orgId).catch(() => null);
    }
    res.end();
  }
}
