import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Org } from '../orgs/entities/org.entity';
import { User } from '../users/entities/user.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { Session } from './entities/session.entity';
import { SessionsService } from './sessions.service';
import { SignInLimiter } from './sign-in-limiter';

@Module({
  imports: [TypeOrmModule.forFeature([Session, User, Org])],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, SignInLimiter],
  exports: [SessionsService],
})
export class AuthModule {}
