import { Module } from '@nestjs/common';
import { OperatorOrgsController } from './operator-orgs.controller';
import { PlatformOrgs } from './platform-orgs.service';

/** The service the `teamframe org` CLI uses. */
@Module({ providers: [PlatformOrgs], exports: [PlatformOrgs] })
export class PlatformOrgsServiceModule {}

/** The operator API on top of it. */
@Module({ imports: [PlatformOrgsServiceModule], controllers: [OperatorOrgsController] })
export class PlatformOrgsModule {}
