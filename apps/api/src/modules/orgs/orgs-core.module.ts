import { Global, Module } from '@nestjs/common';
import { OrgLimits } from './org-limits.service';
import { OrgsRepository } from './orgs.repository';

/**
 * The org row's repository and the operator's limits on it, for every role (API, workers, CLI):
 * settings, brand, retention and invites read the org through the repository; sign-in, employees and
 * intake check suspension and quotas through OrgLimits.
 */
@Global()
@Module({ providers: [OrgsRepository, OrgLimits], exports: [OrgsRepository, OrgLimits] })
export class OrgsCoreModule {}
