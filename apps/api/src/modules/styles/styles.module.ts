import { Global, Module } from '@nestjs/common';
import { StylePreviewProcessor } from './style-preview.processor';
import { StylesController } from './styles.controller';
import { StylesService } from './styles.service';

@Global()
@Module({ controllers: [StylesController], providers: [StylesService], exports: [StylesService] })
export class StylesModule {}

/** The interactive queue's processor (style previews), loaded only in worker processes. */
@Module({ providers: [StylePreviewProcessor] })
export class StyleWorkerModule {}
