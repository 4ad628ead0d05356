import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditEvent } from './entities/audit-event.entity';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([AuditEvent])], controllers: [AuditController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
