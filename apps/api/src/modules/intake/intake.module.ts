import { Module } from '@nestjs/common';
import { HeadshotsModule } from '../headshots/headshots.module';
import { InvitesModule } from '../invites/invites.module';
import { IntakeController } from './intake.controller';
import { UploadLinkLimit } from './upload-link-limit';
import { IntakeRepository } from './intake.repository';
import { IntakeService } from './intake.service';
import { PageMessagesController } from './page-messages.controller';
import { PhotoAcceptance } from './photo-acceptance';
import { UploadCheckProcessor } from './upload-check.processor';
import { UploadCheckQueue } from './upload-check.queue';
import { UploadCheckSweep } from './upload-check.sweep';

@Module({ imports: [InvitesModule, HeadshotsModule], controllers: [IntakeController, PageMessagesController], providers: [IntakeRepository, IntakeService, PhotoAcceptance, UploadCheckQueue, UploadLinkLimit] })
export class IntakeModule {}

/** The checks of selfies an `api` process stored, and the sweep that re-queues lost ones; loaded only in worker processes. */
@Module({ imports: [HeadshotsModule], providers: [IntakeRepository, PhotoAcceptance, UploadCheckProcessor, UploadCheckSweep] })
export class IntakeWorkerModule {}
