import { Module } from '@nestjs/common';
import { CustomFieldsServiceModule } from '../custom-fields/custom-fields.module';
import { ExportProcessor } from './export.processor';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';

@Module({ controllers: [ExportsController], providers: [ExportsRepository, ExportsService], exports: [ExportsService] })
export class ExportsModule {}

/** The export queue's processor, loaded only in worker processes. */
@Module({ imports: [CustomFieldsServiceModule], providers: [ExportsRepository, ExportProcessor, ExportsService] })
export class ExportWorkerModule {}
