import { Module } from '@nestjs/common';
import { HeadshotsModule } from '../headshots/headshots.module';
import { InvitesModule } from '../invites/invites.module';
import { IntakeController } from './intake.controller';
import { UploadLinkLimit } from './upload-link-limit';
import { IntakeRepository } from './intake.repository';
import { IntakeService } from './intake.service';
import { PageMessagesController } from './page-messages.controller';

@Module({ imports: [InvitesModule, HeadshotsModule], controllers: [IntakeController, PageMessagesController], providers: [IntakeRepository, IntakeService, UploadLinkLimit] })
export class IntakeModule {}
