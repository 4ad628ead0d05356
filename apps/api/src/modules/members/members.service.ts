import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateMemberRequest, MemberDto, UpdateMemberRequest } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import { User } from '../users/entities/user.entity';

/** The org's HR, marketing and owner accounts (not employees). Owner-only. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<MemberDto[]> {
    const rows = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.org_id = :orgId', { orgId: auth.orgId })
      .orderBy('u.email')
      .getMany();
    return rows.map(toDto);
  }

  async create(auth: AuthContext, req: CreateMemberRequest): Promise<MemberDto> {
    const repo = this.db.getRepository(User);
    if (await repo.existsBy({ orgId: auth.orgId, email: req.email })) {
      throw new DomainError('CONFLICT', `${req.email} is already a member.`, [{ path: 'email', message: 'is already a member' }]);
    }
    const saved = await repo.save({ orgId: auth.orgId, email: req.email, displayName: req.displayName, role: req.role, passwordHash: req.password ? await hashPassword(req.password) : null, disabledAt: null });
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'member.created', subjectType: 'user', subjectId: saved.id, details: { role: req.role } });
    return toDto(saved);
  }

  async update(auth: AuthContext, id: string, req: UpdateMemberRequest): Promise<MemberDto> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = await repo.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id AND u.org_id = :orgId', { id, orgId: auth.orgId }).setLock('pessimistic_write').getOne();
      if (!user) throw new DomainError('NOT_FOUND', 'No such member in your organisation.');
      const losesOwner = user.role === 'owner' && ((req.role && req.role !== 'owner') || req.disabled === true);
      if (losesOwner) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM app_user WHERE org_id = $1 AND role = 'owner' AND disabled_at IS NULL AND id <> $2`, [auth.orgId, id]);
        if (n === 0) throw new DomainError('CONFLICT', 'An organisation needs at least one active owner. Make someone else owner first.');
      }
      if (req.role) user.role = req.role;
      if (req.displayName) user.displayName = req.displayName;
      if (req.disabled !== undefined) user.disabledAt = req.disabled ? (user.disabledAt ?? new Date()) : null;
      await repo.save(user);
      if (req.disabled) await m.query(`DELETE FROM session WHERE user_id = $1 AND org_id = $2`, [id, auth.orgId]);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'member.updated', subjectType: 'user', subjectId: id, details: { ...req } }, m);
      return toDto(user);
    });
  }
}

function toDto(u: User & { ssoSubject?: string | null }): MemberDto {
  const signsInWith: MemberDto['signsInWith'] = [];
  if (u.passwordHash) signsInWith.push('password');
  if (u.ssoSubject) signsInWith.push('sso');
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, disabled: u.disabledAt !== null, signsInWith, createdAt: u.createdAt.toISOString() };
}
