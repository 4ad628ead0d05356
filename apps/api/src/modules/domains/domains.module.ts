import { Module } from '@nestjs/common';
import { DomainClaimsRepository } from './domain-claims.repository';
import { DomainClaimsService } from './domain-claims.service';
import { DomainsController } from './domains.controller';
import { OperatorDomainsController } from './operator-domains.controller';

/** The claims service alone, for the worker's maintenance job (no HTTP routes). */
@Module({ providers: [DomainClaimsRepository, DomainClaimsService], exports: [DomainClaimsService] })
export class DomainClaimsModule {}

/**
 * SSO e-mail domain claims: the org's proofs (DNS, mail), the daily re-check, the operator's disputes.
 * The service comes from DomainClaimsModule, so a process running both the API and the workers has one.
 */
@Module({ imports: [DomainClaimsModule], controllers: [DomainsController, OperatorDomainsController], exports: [DomainClaimsModule] })
export class DomainsModule {}
