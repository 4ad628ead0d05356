import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EmailDomainSchema, type OperatorDomainClaimDto } from '@teamframe/shared-types';
import { OperatorOnly } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { DomainClaimsService } from './domain-claims.service';

/** The platform operator settles SSO domain disputes between orgs (bearer TEAMFRAME_OPERATOR_TOKEN). */
@ApiTags('operator')
@ApiBearerAuth()
@OperatorOnly()
@Controller('operator/domains')
export class OperatorDomainsController {
  constructor(private readonly claims: DomainClaimsService) {}

  @Get()
  @ApiOperation({ summary: 'Every SSO e-mail domain claim of every org: who holds it verified, who only claims it.' })
  list(): Promise<OperatorDomainClaimDto[]> {
    return this.claims.allClaims();
  }

  @Delete(':domain/orgs/:orgId')
  @HttpCode(204)
  @ApiOperation({ summary: "Release a domain from an org: its claim and proof are deleted (audited in that org's trail); another org may then prove it." })
  @ApiNoContentResponse()
  release(
    @Param('domain', new ZodPipe(EmailDomainSchema)) domain: string,
    @Param('orgId', new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such organisation.') })) orgId: string,
  ): Promise<void> {
    return this.claims.release(domain, orgId);
  }
}
