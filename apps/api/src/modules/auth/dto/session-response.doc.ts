import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type SessionOrg, type SessionResponse, type SessionUser, type UserRole } from '@teamframe/shared-types';

// OpenAPI description classes for the shared contracts; the compiler checks they stay in step.
class SessionUserDoc implements SessionUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
}

class SessionOrgDoc implements SessionOrg {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
}

export class SessionResponseDoc implements SessionResponse {
  @ApiProperty({ type: SessionUserDoc }) user!: SessionUserDoc;
  @ApiProperty({ type: SessionOrgDoc }) org!: SessionOrgDoc;
}
