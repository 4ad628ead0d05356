import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuditEventDto, type AuditQuery, AuditQuerySchema, type Page } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: "The org's audit log, newest first: sign-ins, invites, uploads, decisions, exports, erasures, settings." })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchema(AuditQuerySchema) })
  list(@Auth() auth: AuthContext, @Query(new ZodPipe(AuditQuerySchema)) q: AuditQuery): Promise<Page<AuditEventDto>> {
    return this.audit.list(auth.orgId, q);
  }
}
