import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';
import { StorageService } from './storage.service';

/**
 * The one storage every module uses; STORAGE_DRIVER picks the adapter: the local disk (embedded, one
 * machine or a shared volume) or S3-compatible object storage (API and workers on separate machines).
 */
@Global()
@Module({
  providers: [
    {
      provide: StorageService,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): StorageService => (config.STORAGE_DRIVER === 's3' ? new S3Storage(config) : new LocalDiskStorage(config)),
    },
  ],
  exports: [StorageService],
})
export class StorageModule {}
