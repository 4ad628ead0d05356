import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ErasurePreview, ErasureResult } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { RetentionService } from './retention.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such employee in your organisation.') });

@ApiTags('privacy')
@ApiCookieAuth()
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('employees/:id/erase')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'What erasing this employee would delete (counts), for the confirmation; changes nothing.' })
  erasurePreview(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<ErasurePreview> {
    return this.retention.erasurePreview(auth, id);
  }

  @Post('employees/:id/erase')
  @HttpCode(200)
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'Erase an employee: selfies, headshots, invites, and every export that contains them.' })
  erase(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<ErasureResult> {
    return this.retention.erase(auth, id);
  }
}
