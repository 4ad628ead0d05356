import { Module } from '@nestjs/common';
import { EmployeesModule } from '../employees/employees.module';
import { RetentionModule } from '../retention/retention.module';
import { ScimGroupsRepository } from './scim-groups.repository';
import { ScimGroupsService } from './scim-groups.service';
import { ScimSettingsController } from './scim-settings.controller';
import { ScimSettingsRepository } from './scim-settings.repository';
import { ScimSettingsService } from './scim-settings.service';
import { ScimUsersRepository } from './scim-users.repository';
import { ScimUsersService } from './scim-users.service';
import { ScimController } from './scim.controller';
import { ScimGuard } from './scim.guard';

@Module({
  imports: [EmployeesModule, RetentionModule],
  controllers: [ScimSettingsController, ScimController],
  providers: [ScimSettingsRepository, ScimUsersRepository, ScimGroupsRepository, ScimSettingsService, ScimUsersService, ScimGroupsService, ScimGuard],
})
export class ScimModule {}
