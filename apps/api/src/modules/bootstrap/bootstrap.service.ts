import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import { OrgsRepository } from '../orgs/orgs.repository';
import { slugify } from '../orgs/slugify';
import { UsersRepository } from '../users/users.repository';
import { BootstrapRepository } from './bootstrap.repository';

/**
 * First run: when no user exists at all, create the first org and its owner from
 * TEAMFRAME_ADMIN_EMAIL / TEAMFRAME_ADMIN_PASSWORD, or generate a password that main.ts prints once,
 * last, beside the address (see {@link takeFirstRunSignIn}).
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapService.name);
  private firstRunSignIn: { email: string; password: string } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly repo: BootstrapRepository,
    private readonly orgs: OrgsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.db.transaction(async (m) => {
      // Several API processes may start at once; only one creates the owner.
      await this.repo.lockFirstRun(m);
      if (await this.repo.anyUser(m)) return null;
      const generated = this.config.TEAMFRAME_ADMIN_PASSWORD ? null : randomBytes(12).toString('base64url');
      const password = this.config.TEAMFRAME_ADMIN_PASSWORD ?? generated!;
      const org = await this.orgs.create(m, { name: this.config.TEAMFRAME_ORG_NAME, slug: slugify(this.config.TEAMFRAME_ORG_NAME) });
      const email = this.config.TEAMFRAME_ADMIN_EMAIL.toLowerCase();
      const owner = await this.users.create({ orgId: org.id, email, displayName: email.split('@')[0], role: 'owner', passwordHash: await hashPassword(password), disabledAt: null }, m);
      await this.audit.record({ orgId: org.id, actorUserId: null, action: 'bootstrap.owner_created', subjectType: 'user', subjectId: owner.id }, m);
      return { email, generated };
    });
    if (!created) return;
    if (created.generated) {
      // Kept in memory only until main.ts prints it; it is not stored anywhere in clear.
      this.firstRunSignIn = { email: created.email, password: created.generated };
    } else {
      this.logger.log('first run: created the owner from TEAMFRAME_ADMIN_EMAIL/TEAMFRAME_ADMIN_PASSWORD');
    }
  }

  /** The generated owner sign-in of this first run, once; null on every later call and start. */
  takeFirstRunSignIn(): { email: string; password: string } | null {
    const s = this.firstRunSignIn;
    this.firstRunSignIn = null;
    return s;
  }
}
