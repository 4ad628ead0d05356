import { Global, Module } from '@nestjs/common';
import { MessageCatalogue } from './message-catalogue';

@Global()
@Module({ providers: [MessageCatalogue], exports: [MessageCatalogue] })
export class I18nModule {}
