import { Injectable } from '@nestjs/common';
import type { LoginRequest, SessionResponse } from '@teamframe/shared-types';
import { AuditService } from '../audit/audit.service';
import { OrgsRepository } from '../orgs/orgs.repository';
import { SsoRepository } from '../sso/sso.repository';
import { passwordSignInDisabled } from '../sso/sso.errors';
import { UsersRepository } from '../users/users.repository';
import { invalidCredentials, notSignedIn } from './auth.errors';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SignInLimiter } from './sign-in-limiter';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly orgs: OrgsRepository,
    private readonly sso: SsoRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly limiter: SignInLimiter,
  ) {}

  /**
   * Password sign-in. An email may exist in several orgs; the password picks the one account it
   * matches. Unknown emails still cost one hash, so response time does not reveal which exist.
   * Wrong passwords are counted per address as well as per client (SignInLimiter).
   */
  async login(input: LoginRequest, ip: string): Promise<{ token: string; expiresAt: Date; session: SessionResponse }> {
    await this.limiter.assertMayTry(input.email);
    const candidates = await this.users.passwordCandidates(input.email);
    if (candidates.length === 0) {
      await verifyPassword(input.password, await DUMMY_HASH_PROMISE);
      await this.limiter.failed(input.email);
      throw invalidCredentials();
    }
    for (const user of candidates) {
      if (await verifyPassword(input.password, user.passwordHash!)) {
        if (await this.sso.passwordSignInDisabled(user.orgId)) throw passwordSignInDisabled();
        await this.limiter.succeeded(input.email);
        const { token, expiresAt } = await this.sessions.create(user.id, user.orgId);
        await this.audit.record({ orgId: user.orgId, actorUserId: user.id, action: 'auth.login', subjectType: 'user', subjectId: user.id, details: { method: 'password', ip } });
        return { token, expiresAt, session: await this.describe(user.id, user.orgId) };
      }
    }
    await this.limiter.failed(input.email);
    await this.audit.record({ orgId: candidates[0].orgId, actorUserId: null, action: 'auth.login_failed', subjectType: 'user', subjectId: candidates[0].id, details: { ip } });
    throw invalidCredentials();
  }

  async logout(token: string | undefined, userId: string, orgId: string): Promise<void> {
    if (token) await this.sessions.revoke(token);
    await this.audit.record({ orgId, actorUserId: userId, action: 'auth.logout', subjectType: 'user', subjectId: userId });
  }

  async describe(userId: string, orgId: string): Promise<SessionResponse> {
    const user = await this.users.byId(orgId, userId);
    const org = await this.orgs.byId(orgId);
    if (!user || !org) throw notSignedIn();
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
      org: { id: org.id, name: org.name, slug: org.slug },
    };
  }
}
