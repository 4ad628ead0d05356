import { Module } from '@nestjs/common';
import { InviteMailProcessor } from './invite-mail.processor';
import { InvitesController } from './invites.controller';
import { InvitesService } from './invites.service';

@Module({ controllers: [InvitesController], providers: [InvitesService], exports: [InvitesService] })
export class InvitesModule {}

/** The mail queue's processor, loaded only in worker processes. */
@Module({ providers: [InviteMailProcessor] })
export class InviteMailWorkerModule {}
