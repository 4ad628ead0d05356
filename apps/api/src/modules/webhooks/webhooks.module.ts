import { Module } from '@nestjs/common';
import { WebhookAddressGuard } from './webhook-address-guard';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookProcessor } from './webhook.processor';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Shared by both roles: the outbox must capture events wherever they happen (API or worker), once per process. */
@Module({ providers: [WebhooksRepository, WebhookOutbox, WebhookAddressGuard, WebhookSecrets], exports: [WebhooksRepository, WebhookAddressGuard, WebhookSecrets] })
export class WebhookCoreModule {}

@Module({ imports: [WebhookCoreModule], controllers: [WebhooksController], providers: [WebhooksService] })
export class WebhooksModule {}

/** Dispatcher and delivery processor, loaded only in worker processes. */
@Module({ imports: [WebhookCoreModule], providers: [WebhookDispatcher, WebhookProcessor] })
export class WebhookWorkerModule {}
