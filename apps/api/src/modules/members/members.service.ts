import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateMemberRequest, MemberDto, UpdateMemberRequest } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import type { User } from '../users/entities/user.entity';
import { MembersRepository } from './members.repository';

/** The org's HR, marketing and owner accounts (not employees). Owner-only. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MembersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<MemberDto[]> {
    const rows = await this.repo.list(auth.orgId);
    return rows.map(toDto);
  }

  async create(auth: AuthContext, req: CreateMemberRequest): Promise<MemberDto> {
    if (await this.repo.emailTaken(auth.orgId, req.email)) {
      throw new DomainError('CONFLICT', `${req.email} is already a member.`, [{ path: 'email', message: 'is already a member' }]);
    }
    const saved = await this.repo.insert({ orgId: auth.orgId, email: req.email, displayName: req.displayName, role: req.role, passwordHash: req.password ? await hashPassword(req.password) : null, disabledAt: null });
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'member.created', subjectType: 'user', subjectId: saved.id, details: { role: req.role } });
    return toDto(saved);
  }

  async update(auth: AuthContext, id: string, req: UpdateMemberRequest): Promise<MemberDto> {
    return this.db.transaction(async (m) => {
      const user = await this.repo.lock(m, auth.orgId, id);
      if (!user) throw new DomainError('NOT_FOUND', 'No such member in your organisation.');
      const losesOwner = user.role === 'owner' && ((req.role && req.role !== 'owner') || req.disabled === true);
      if (losesOwner) {
        if ((await this.repo.otherActiveOwners(m, auth.orgId, id)) === 0) throw new DomainError('CONFLICT', 'An organisation needs at least one active owner. Make someone else owner first.');
      }
      if (req.role) user.role = req.role;
      if (req.displayName) user.displayName = req.displayName;
      if (req.disabled !== undefined) user.disabledAt = req.disabled ? (user.disabledAt ?? new Date()) : null;
      await this.repo.save(m, user);
      if (req.disabled) await this.repo.deleteSessions(m, auth.orgId, id);
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
