import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { RedisThrottlerStorage } from './core/http/redis-throttler-storage';
import { OperatorCredential } from './core/auth/operator-credential';
import { SessionGuard } from './core/auth/session.guard';
import type { AppConfig } from './core/config/config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { CsrfMiddleware } from './core/http/csrf';
import { ErrorFilter } from './core/http/error.filter';
import { LoggerModule } from './core/http/logger.module';
import { UploadSlotsModule } from './core/http/upload-slots';
import { I18nModule } from './core/i18n/i18n.module';
import { MailModule } from './core/mail/mail.module';
import { PipelineModule } from './core/pipeline/pipeline.module';
import { StorageModule } from './core/storage/storage.module';
import { QueueModule } from './core/queue/queue.module';
import { WorkerRuntimeModule } from './core/worker-runtime/worker-runtime.module';
import { REDIS, RedisModule } from './core/redis/redis.module';
import { ApiTokensModule } from './modules/api-tokens/api-tokens.module';
import { AuditModule } from './modules/audit/audit.module';
import { OrgsCoreModule } from './modules/orgs/orgs-core.module';
import { OrgSettingsModule } from './modules/orgs/settings/org-settings.module';
import { PlatformOrgsModule } from './modules/orgs/platform-orgs.module';
import { AuthModule } from './modules/auth/auth.module';
import { ActivityModule } from './modules/activity/activity.module';
import { BootstrapModule } from './modules/bootstrap/bootstrap.module';
import { BrandModule } from './modules/brand/brand.module';
import { CustomFieldsModule } from './modules/custom-fields/custom-fields.module';
import { EmployeesModule } from './modules/employees/employees.module';
import { ExportsModule, ExportWorkerModule } from './modules/exports/exports.module';
import { HeadshotsModule, HeadshotWorkerModule } from './modules/headshots/headshots.module';
import { IntakeModule, IntakeWorkerModule } from './modules/intake/intake.module';
import { HealthModule, WorkerHealthModule } from './modules/health/health.module';
import { InvitesModule } from './modules/invites/invites.module';
import { CampaignsModule } from './modules/campaigns/campaigns.module';
import { MailJobsWorkerModule } from './modules/mail-jobs/mail-jobs.module';
import { MaintenanceModule } from './modules/maintenance/maintenance.module';
import { MembersModule } from './modules/members/members.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RetentionModule } from './modules/retention/retention.module';
import { ReviewModule } from './modules/review/review.module';
import { ScimModule } from './modules/scim/scim.module';
import { WebhookCoreModule, WebhooksModule, WebhookWorkerModule } from './modules/webhooks/webhooks.module';
import { DirectorySyncCoreModule, DirectorySyncModule, DirectorySyncWorkerModule } from './modules/directory-sync/directory-sync.module';
import { SsoModule } from './modules/sso/sso.module';
import { StylesModule, StyleWorkerModule } from './modules/styles/styles.module';

/** What every role needs: config, logs, database, Redis, queues, audit, the org row and its limits, mail, storage, the engine, styles. */
function coreImports(config: AppConfig) {
  return [ConfigModule.forRoot(config), LoggerModule, DatabaseModule, RedisModule, QueueModule, AuditModule, OrgsCoreModule, I18nModule, MailModule, StorageModule, PipelineModule, UploadSlotsModule, StylesModule, BrandModule, WebhookCoreModule, DirectorySyncCoreModule];
}

/** The HTTP API (role `api`, or `all` with the workers in the same process). */
@Module({})
export class ApiAppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        ...coreImports(config),
        ThrottlerModule.forRootAsync({
          inject: [REDIS],
          useFactory: (redis: Redis) => ({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }], storage: new RedisThrottlerStorage(redis) }),
        }),
        AuthModule,
        ApiTokensModule,
        ScimModule,
        WebhooksModule,
        DirectorySyncModule,
        SsoModule,
        OrgSettingsModule,
        EmployeesModule,
        CustomFieldsModule,
        MembersModule,
        RetentionModule,
        InvitesModule,
        CampaignsModule,
        IntakeModule,
        HeadshotsModule,
        ReviewModule,
        ExportsModule,
        NotificationsModule,
        HealthModule,
        ActivityModule,
        PlatformOrgsModule,
        BootstrapModule,
        ...(config.TEAMFRAME_ROLE === 'all' ? WORKER_MODULES : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: SessionGuard },
        OperatorCredential,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsrfMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

/** Queue processors only (role `worker`): no HTTP listener. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerAppModule, imports: [...coreImports(config), ...WORKER_MODULES, WorkerHealthModule] };
  }
}

const WORKER_MODULES = [WorkerRuntimeModule, MaintenanceModule, MailJobsWorkerModule, HeadshotWorkerModule, IntakeWorkerModule, StyleWorkerModule, ExportWorkerModule, WebhookWorkerModule, DirectorySyncWorkerModule];
