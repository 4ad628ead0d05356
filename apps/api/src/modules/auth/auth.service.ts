import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginRequest, SessionResponse } from '@teamframe/shared-types';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Org } from '../orgs/entities/org.entity';
import { isPasswordSignInDisabled } from '../sso/password-policy';
import { passwordSignInDisabled } from '../sso/sso.errors';
import { User } from '../users/entities/user.entity';
import { invalidCredentials, notSignedIn } from './auth.errors';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SignInLimiter } from './sign-in-limiter';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Org) private readonly orgs: Repository<Org>,
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
    const candidates = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: input.email })
      .andWhere('u.disabled_at IS NULL')
      .andWhere('u.password_hash IS NOT NULL')
      .getMany();
    if (candidates.length === 0) {
      await verifyPassword(input.password, await DUMMY_HASH_PROMISE);
      await this.limiter.failed(input.email);
      throw invalidCredentials();
    }
    for (const user of candidates) {
      if (await verifyPassword(input.password, user.passwordHash!)) {
        if (await isPasswordSignInDisabled(this.users.manager, user.orgId)) throw passwordSignInDisabled();
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
    const user = await this.users.findOneBy({ id: userId, orgId });
    const org = await this.orgs.findOneBy({ id: orgId });
    if (!user || !org) throw notSignedIn();
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
      org: { id: org.id, name: org.name, slug: org.slug },
    };
  }
}
