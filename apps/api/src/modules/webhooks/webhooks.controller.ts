import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CreatedSecretDto, type CreateWebhookRequest, CreateWebhookSchema, type UpdateWebhookRequest, UpdateWebhookSchema, type WebhookDeliveryDto, type WebhookEndpointDto } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { assertSignedIn } from '../api-tokens/signed-in-only';
import { WebhooksService } from './webhooks.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such webhook endpoint in your organisation.') });

@ApiTags('webhooks')
@ApiCookieAuth()
@Roles('owner')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'The org’s webhook endpoints (never their secrets).' })
  list(@Auth() auth: AuthContext): Promise<WebhookEndpointDto[]> {
    return this.webhooks.list(auth);
  }

  @Post()
  @ApiOperation({ summary: 'Add an endpoint (https on a public address, unless the operator allowed more); the answer carries its signing secret once.' })
  @ApiBody({ schema: jsonSchema(CreateWebhookSchema) })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(CreateWebhookSchema)) body: CreateWebhookRequest): Promise<CreatedSecretDto<WebhookEndpointDto>> {
    assertSignedIn(auth);
    return this.webhooks.create(auth, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, description or events, or switch the endpoint on or off (on clears its failure count).' })
  @ApiBody({ schema: jsonSchema(UpdateWebhookSchema) })
  update(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(UpdateWebhookSchema)) body: UpdateWebhookRequest): Promise<WebhookEndpointDto> {
    return this.webhooks.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint and its delivery log.' })
  remove(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    return this.webhooks.remove(auth, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; the old one also signs for 24 hours.' })
  rotate(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<CreatedSecretDto<WebhookEndpointDto>> {
    assertSignedIn(auth);
    return this.webhooks.rotateSecret(auth, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a `webhook.test` event to this endpoint; the result shows in its delivery log.' })
  test(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<{ eventId: string }> {
    return this.webhooks.sendTest(auth, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The latest delivery attempts to this endpoint, each with the receiver’s status code.' })
  deliveries(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveries(auth, id);
  }
}
