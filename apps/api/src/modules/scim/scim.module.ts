import { Module } from '@nestjs/common';
import { EmployeesModule } from '../employees/employees.module';
import { RetentionModule } from '../retention/retention.module';
import { ScimGroupsService } from './scim-groups.service';
import { ScimSettingsController } from './scim-settings.controller';
import { ScimSettingsService } from './scim-settings.service';
import { ScimUsersService } from './scim-users.service';
import { ScimController } from './scim.controller';
import { ScimGuard } from './scim.guard';

@Module({
  imports: [EmployeesModule, RetentionModule],
  controllers: [ScimSettingsController, ScimController],
  providers: [ScimSettingsService, ScimUsersService, ScimGroupsService, ScimGuard],
})
export class ScimModule {}
