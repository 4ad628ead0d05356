import { Module } from '@nestjs/common';
import { CustomFieldsController } from './custom-fields.controller';
import { CustomFieldsRepository } from './custom-fields.repository';
import { CustomFieldsService } from './custom-fields.service';

@Module({ controllers: [CustomFieldsController], providers: [CustomFieldsRepository, CustomFieldsService], exports: [CustomFieldsService] })
export class CustomFieldsModule {}

/** The service alone, for worker processes (the export builder) that serve no HTTP. */
@Module({ providers: [CustomFieldsRepository, CustomFieldsService], exports: [CustomFieldsService] })
export class CustomFieldsServiceModule {}
