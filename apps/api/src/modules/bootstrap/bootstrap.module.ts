import { Module } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';
import { BootstrapRepository } from './bootstrap.repository';
import { BootstrapService } from './bootstrap.service';

@Module({ providers: [BootstrapRepository, BootstrapService, UsersRepository] })
export class BootstrapModule {}
