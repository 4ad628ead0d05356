import { Global, Module } from '@nestjs/common';
import { StylesService } from './styles.service';

@Global()
@Module({ providers: [StylesService], exports: [StylesService] })
export class StylesModule {}
