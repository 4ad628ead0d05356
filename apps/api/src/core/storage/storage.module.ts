import { Global, Module } from '@nestjs/common';
import { LocalDiskStorage } from './local-disk.storage';
import { StorageService } from './storage.service';

/** The one storage every module uses; the adapter is chosen here (the local disk is the only one yet). */
@Global()
@Module({ providers: [{ provide: StorageService, useClass: LocalDiskStorage }], exports: [StorageService] })
export class StorageModule {}
