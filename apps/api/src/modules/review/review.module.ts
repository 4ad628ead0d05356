import { Module } from '@nestjs/common';
import { HeadshotsModule } from '../headshots/headshots.module';
import { InvitesModule } from '../invites/invites.module';
import { ImagesController } from './images.controller';
import { ReviewController } from './review.controller';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

@Module({ imports: [InvitesModule, HeadshotsModule], controllers: [ReviewController, ImagesController], providers: [ReviewRepository, ReviewService] })
export class ReviewModule {}
