import { Module } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository';
import { OperatorOrgsController } from './operator-orgs.controller';
import { PlatformOrgs } from './platform-orgs.service';

/** The service the `teamframe org` CLI uses. */
@Module({ providers: [PlatformOrgs, UsersRepository], exports: [PlatformOrgs] })
export class PlatformOrgsServiceModule {}

/** The operator API on top of it. */
@Module({ imports: [PlatformOrgsServiceModule], controllers: [OperatorOrgsController] })
export class PlatformOrgsModule {}
