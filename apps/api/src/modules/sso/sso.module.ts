import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DomainsModule } from '../domains/domains.module';
import { UsersRepository } from '../users/users.repository';
import { SpKeyStore } from './sp-key-store';
import { SsoController } from './sso.controller';
import { SsoRepository } from './sso.repository';
import { SsoService } from './sso.service';

/** Per-org SAML 2.0 single sign-on: IdP settings, SP metadata, the redirect-and-POST flow, JIT users. */
@Module({
  imports: [AuthModule, DomainsModule],
  controllers: [SsoController],
  providers: [SsoService, SpKeyStore, SsoRepository, UsersRepository],
})
export class SsoModule {}
