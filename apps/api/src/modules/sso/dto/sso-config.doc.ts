import { ApiProperty } from '@nestjs/swagger';
import { type SsoCertificateInfo, type SsoConfigResponse, type SsoDiscoverResponse, type SsoRoleRule, USER_ROLES, type UserRole } from '@teamframe/shared-types';

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
  @ApiProperty() passwordLoginDisabled!: boolean;
  @ApiProperty({ description: 'AuthnRequests are signed with our SP certificate.' }) signRequests!: boolean;
  @ApiProperty({ type: SpUrlsDoc }) sp!: SpUrlsDoc;
}

export class SsoDiscoverResponseDoc implements SsoDiscoverResponse {
  @ApiProperty() orgSlug!: string;
  @ApiProperty() orgName!: string;
  @ApiProperty({ description: 'Send the browser here (add ?relayState=/path to come back to a page).' }) loginUrl!: string;
}
