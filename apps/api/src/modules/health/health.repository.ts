import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The one statement health needs: a round trip that proves the pool can reach PostgreSQL. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
