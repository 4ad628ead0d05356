import { ApiProperty } from '@nestjs/swagger';
import { type SsoCertificateInfo, type SsoConfigResponse, type SsoDiscoverResponse, type SsoDomainClaimDto, type SsoRoleRule, USER_ROLES, type UserRole } from '@teamframe/shared-types';

// OpenAPI description classes for the shared contracts; the compiler checks they stay in step.
class SsoCertificateInfoDoc implements SsoCertificateInfo {
  @ApiProperty({ example: 'AB:CD:…' }) fingerprint!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ format: 'date-time' }) notAfter!: string;
}

class SsoRoleRuleDoc implements SsoRoleRule {
  @ApiProperty({ example: 'groups' }) attribute!: string;
  @ApiProperty({ example: 'HR' }) value!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
}

class SpUrlsDoc {
  @ApiProperty({ description: 'Our SP entity ID (also the metadata URL).' }) entityId!: string;
  @ApiProperty({ description: 'Assertion Consumer Service (HTTP-POST).' }) acsUrl!: string;
  @ApiProperty() metadataUrl!: string;
  @ApiProperty() loginUrl!: string;
  @ApiProperty({ type: SsoCertificateInfoDoc, description: 'Our SP certificate: IdPs encrypt assertions to it and check our signed AuthnRequests with it.' })
  certificate!: SsoCertificateInfoDoc;
}

class DnsRecordDoc {
  @ApiProperty({ example: '_teamframe-challenge.example.com' }) name!: string;
  @ApiProperty({ example: 'teamframe-domain-verification=…' }) value!: string;
}

export class SsoDomainClaimDoc implements SsoDomainClaimDto {
  @ApiProperty({ example: 'example.com' }) domain!: string;
  @ApiProperty({ enum: ['pending', 'verified'], description: 'Only a verified domain routes people to this org.' }) state!: 'pending' | 'verified';
  @ApiProperty({ enum: ['dns', 'mail'], nullable: true }) verifiedBy!: 'dns' | 'mail' | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastCheckedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastCheckResult!: string | null;
  @ApiProperty({ type: DnsRecordDoc, description: 'The TXT record that proves the domain.' }) dns!: DnsRecordDoc;
  @ApiProperty({ type: String, nullable: true }) mailSentTo!: string | null;
}

export class SsoConfigResponseDoc implements SsoConfigResponse {
  @ApiProperty() configured!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, nullable: true }) idpEntityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ssoUrl!: string | null;
  @ApiProperty({ type: [SsoCertificateInfoDoc] }) certificates!: SsoCertificateInfoDoc[];
  @ApiProperty() allowIdpInitiated!: boolean;
  @ApiProperty() clockSkewSec!: number;
  @ApiProperty({ type: [SsoRoleRuleDoc] }) roleMapping!: SsoRoleRuleDoc[];
  @ApiProperty({ type: [String] }) emailDomains!: string[];
  @ApiProperty({ type: [SsoDomainClaimDoc] }) domainClaims!: SsoDomainClaimDoc[];
  @ApiProperty() passwordLoginDisabled!: boolean;
  @ApiProperty({ description: 'AuthnRequests are signed with our SP certificate.' }) signRequests!: boolean;
  @ApiProperty({ type: SpUrlsDoc }) sp!: SpUrlsDoc;
}

export class SsoDiscoverResponseDoc implements SsoDiscoverResponse {
  @ApiProperty() orgSlug!: string;
  @ApiProperty() orgName!: string;
  @ApiProperty({ description: 'Send the browser here (add ?relayState=/path to come back to a page).' }) loginUrl!: string;
}
