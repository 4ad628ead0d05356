import { Module } from '@nestjs/common';
import { BootstrapRepository } from './bootstrap.repository';
import { BootstrapService } from './bootstrap.service';

@Module({ providers: [BootstrapRepository, BootstrapService] })
export class BootstrapModule {}
