import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EmailDomainSchema, type SsoDomainClaimDto, type SsoDomainMailRequest, SsoDomainMailRequestSchema } from '@teamframe/shared-types';
import type { Response } from 'express';
import { z } from 'zod';
import { Auth, type AuthContext, Public, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { SsoDomainClaimDoc } from '../sso/dto/sso-config.doc';
import { DomainClaimsService } from './domain-claims.service';

const domainParam = new ZodPipe(EmailDomainSchema);
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, sentence: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Teamframe</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(sentence)}</p><p><a href="/">Teamframe</a></p></main></body></html>`;

/** The owner proves the org's SSO e-mail domains: a DNS TXT record, or a link mailed to the domain. */
@ApiTags('sso')
@Controller('sso/domains')
export class DomainsController {
  constructor(private readonly claims: DomainClaimsService) {}

  @Get()
  @Roles('owner')
  @ApiCookieAuth()
  @ApiOperation({ summary: "The org's claimed e-mail domains: pending or verified, the TXT record to publish, the last check." })
  @ApiOkResponse({ type: [SsoDomainClaimDoc] })
  list(@Auth() auth: AuthContext): Promise<SsoDomainClaimDto[]> {
    return this.claims.claims(auth.orgId);
  }

  @Post(':domain/check')
  @Roles('owner')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Look the TXT record up now: verifies the domain when it carries the org value (400 when it does not yet).' })
  @ApiOkResponse({ type: SsoDomainClaimDoc })
  check(@Auth() auth: AuthContext, @Param('domain', domainParam) domain: string): Promise<SsoDomainClaimDto> {
    return this.claims.checkDns(auth, domain);
  }

  @Post(':domain/mail')
  @Roles('owner')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Mail a confirmation link (valid 24 h) to a role mailbox at the domain: admin, administrator, hostmaster, postmaster or webmaster.' })
  @ApiBody({ schema: jsonSchema(SsoDomainMailRequestSchema) })
  @ApiOkResponse({ type: SsoDomainClaimDoc })
  mail(@Auth() auth: AuthContext, @Param('domain', domainParam) domain: string, @Body(new ZodPipe(SsoDomainMailRequestSchema)) body: SsoDomainMailRequest): Promise<SsoDomainClaimDto> {
    return this.claims.sendMail(auth, domain, body);
  }

  @Get('confirm')
  @Public()
  @ApiOperation({ summary: 'The link in the confirmation mail: verifies the domain for the org that asked. Answers a small page.' })
  @ApiQuery({ name: 'code', required: true })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The domain is verified.' })
  async confirm(@Query('code', new ZodPipe(z.string().max(100))) code: string, @Res() res: Response): Promise<void> {
    try {
      const { domain, orgName } = await this.claims.confirmMail(code);
      res.status(200).type('html').send(page(`${domain} is confirmed`, `Single sign-on at ${orgName} now applies to every address at ${domain}. You can close this page.`));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      res.status(e.code === 'CONFLICT' ? 409 : 404).type('html').send(page('This link does not work', e.message));
    }
  }
}
