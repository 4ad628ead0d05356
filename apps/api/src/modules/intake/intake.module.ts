import { Module } from '@nestjs/common';
import { HeadshotsModule } from '../headshots/headshots.module';
import { InvitesModule } from '../invites/invites.module';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

@Module({ imports: [InvitesModule, HeadshotsModule], controllers: [IntakeController], providers: [IntakeService] })
export class IntakeModule {}
