import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { DomainsModule } from '../domains/domains.module';
import { Org } from '../orgs/entities/org.entity';
import { User } from '../users/entities/user.entity';
import { OrgSsoConfig } from './entities/org-sso-config.entity';
import { OrgSsoSpKey } from './entities/org-sso-sp-key.entity';
import { SpKeyStore } from './sp-key-store';
import { SsoController } from './sso.controller';
import { SsoService } from './sso.service';

/** Per-org SAML 2.0 single sign-on: IdP settings, SP metadata, the redirect-and-POST flow, JIT users. */
@Module({
  imports: [TypeOrmModule.forFeature([OrgSsoConfig, OrgSsoSpKey, User, Org]), AuthModule, DomainsModule],
  controllers: [SsoController],
  providers: [SsoService, SpKeyStore],
})
export class SsoModule {}
