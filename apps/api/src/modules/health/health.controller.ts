import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { HealthResponse } from '@teamframe/shared-types';
import type { Response } from 'express';
import { Public } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @SkipThrottle()
  @ApiOperation({ summary: 'Database and Redis status, each on its own; 503 when one is down.' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const report = await this.health.check(this.config.TEAMFRAME_ROLE);
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  @Get('live')
  @Public()
  @SkipThrottle()
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency checked, so an outage of the database does not restart it).' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
