import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LocalDiskStorage } from './local-disk.storage';
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
      // The AWS SDK is loaded only for s3 (about 0.4 s of start-up, e.g. for every CLI call, otherwise).
      useFactory: async (config: AppConfig): Promise<StorageService> => (config.STORAGE_DRIVER === 's3' ? new (await import('./s3.storage')).S3Storage(config) : new LocalDiskStorage(config)),
    },
  ],
  exports: [StorageService],
})
export class StorageModule {}
