// What webhooks add to the database schema; listed in core/database/schema.ts.
import type { MigrationInterface } from 'typeorm';
import { Webhooks1764000017200 } from '../../database/migrations/1764000017200-Webhooks';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEvent } from './entities/webhook-event.entity';

export const WEBHOOK_ENTITIES: (new () => object)[] = [WebhookEndpoint, WebhookEvent, WebhookDelivery];
export const WEBHOOK_MIGRATIONS: (new () => MigrationInterface)[] = [Webhooks1764000017200];
