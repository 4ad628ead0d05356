import { Global, Module } from '@nestjs/common';
import { StylePreviewProcessor } from './style-preview.processor';
import { StylesController } from './styles.controller';
import { StylesRepository } from './styles.repository';
import { StylesService } from './styles.service';

@Global()
@Module({ controllers: [StylesController], providers: [StylesRepository, StylesService], exports: [StylesService] })
export class StylesModule {}

/** The interactive queue's processor (style previews), loaded only in worker processes. */
@Module({ providers: [StylesRepository, StylePreviewProcessor] })
export class StyleWorkerModule {}
