import { defineConfig } from 'vitest/config';
import { vitestProject } from '../../tools/vitest-shared.mjs';

export default defineConfig(vitestProject('shared-types', import.meta.dirname));
