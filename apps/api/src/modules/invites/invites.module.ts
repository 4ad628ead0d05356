import { Module } from '@nestjs/common';
import { InvitesController } from './invites.controller';
import { InvitesRepository } from './invites.repository';
import { InvitesService } from './invites.service';

@Module({ controllers: [InvitesController], providers: [InvitesService, InvitesRepository], exports: [InvitesService, InvitesRepository] })
export class InvitesModule {}
