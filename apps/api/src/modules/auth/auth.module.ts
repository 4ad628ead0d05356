import { Module } from '@nestjs/common';
import { SsoRepository } from '../sso/sso.repository';
import { UsersRepository } from '../users/users.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SignInLimiter } from './sign-in-limiter';

@Module({
  controllers: [AuthController],
  providers: [AuthService, SessionsService, SessionsRepository, UsersRepository, SsoRepository, SignInLimiter],
  exports: [SessionsService],
})
export class AuthModule {}
