import { defineConfig } from 'vitest/config';
import { vitestProject } from '../../tools/vitest-shared.mjs';

// Pure TypeScript specs only (no TestBed): functions under src/app/core that need no Angular runtime.
export default defineConfig(vitestProject('admin-web', import.meta.dirname));
