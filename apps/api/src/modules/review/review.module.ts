import { Module } from '@nestjs/common';
import { InvitesModule } from '../invites/invites.module';
import { ImagesController } from './images.controller';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

@Module({ imports: [InvitesModule], controllers: [ReviewController, ImagesController], providers: [ReviewService] })
export class ReviewModule {}
