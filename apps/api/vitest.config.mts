import { defineConfig } from 'vitest/config';
import { vitestProject } from '../../tools/vitest-shared.mjs';

// Integration specs boot the compiled API (apps/api/dist) against the real PostgreSQL and Redis, so
// they run one file at a time: each file owns a fresh database and a Redis key prefix of its own.
export default defineConfig(vitestProject('api', import.meta.dirname, { fileParallelism: false }));
