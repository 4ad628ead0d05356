import { Module } from '@nestjs/common';
import { DomainClaimsService } from './domain-claims.service';
import { DomainsController } from './domains.controller';
import { OperatorDomainsController } from './operator-domains.controller';

/** SSO e-mail domain claims: the org's proofs (DNS, mail), the daily re-check, the operator's disputes. */
@Module({ controllers: [DomainsController, OperatorDomainsController], providers: [DomainClaimsService], exports: [DomainClaimsService] })
export class DomainsModule {}

/** The claims service alone, for the worker's maintenance job (no HTTP routes). */
@Module({ providers: [DomainClaimsService], exports: [DomainClaimsService] })
export class DomainClaimsModule {}
