import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../http/domain-error';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The platform operator's credential: one bearer token from TEAMFRAME_OPERATOR_TOKEN, held by whoever runs
 * the installation (not by any org). Compared by SHA-256 digest in constant time.
 */
@Injectable()
export class OperatorCredential {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.TEAMFRAME_OPERATOR_TOKEN ? digest(config.TEAMFRAME_OPERATOR_TOKEN) : null;
  }

  /** Throws unless `authorization` is `Bearer <operator token>`; with no token configured, the routes do not exist. */
  check(authorization: string | undefined): void {
    if (!this.expected) throw new DomainError('NOT_FOUND', 'Not found.');
    const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!presented || !timingSafeEqual(digest(presented), this.expected)) {
      throw new DomainError('UNAUTHENTICATED', 'The operator token is missing or wrong.');
    }
  }
}
