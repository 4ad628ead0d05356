import { Global, Module } from '@nestjs/common';
import { OrgLimits } from './org-limits.service';

/** Suspension and quotas, checked by sign-in, employees and intake. */
@Global()
@Module({ providers: [OrgLimits], exports: [OrgLimits] })
export class OrgLimitsModule {}
