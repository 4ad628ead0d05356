import { Module } from '@nestjs/common';
import { EmployeesController } from './employees.controller';
import { EmployeesRepository } from './employees.repository';
import { EmployeesService } from './employees.service';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { InvitesModule } from '../invites/invites.module';

@Module({
  imports: [InvitesModule, CustomFieldsModule],
  controllers: [EmployeesController],
  providers: [EmployeesRepository, EmployeesService],
  exports: [EmployeesService],
})
export class EmployeesModule {}
