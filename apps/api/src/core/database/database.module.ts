import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ENTITIES, MIGRATIONS } from './schema';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig & { DATABASE_URL: string }) => ({
        type: 'postgres' as const,
        url: config.DATABASE_URL,
        entities: ENTITIES,
        migrations: MIGRATIONS,
        // The schema changes only through reviewed migrations (run at start under a lock, see migrate.ts).
        synchronize: false,
        migrationsRun: false,
        extra: { max: 20, connectionTimeoutMillis: 5_000 },
        // Fail fast at start instead of TypeORM's silent retry loop.
        retryAttempts: 0,
      }),
    }),
  ],
})
export class DatabaseModule {}
