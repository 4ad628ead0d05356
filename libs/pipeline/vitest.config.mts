import { defineConfig } from 'vitest/config';
import { vitestProject } from '../../tools/vitest-shared.mjs';

// The pipeline tests load real models and run real photos: one worker, generous timeouts.
export default defineConfig(vitestProject('pipeline', import.meta.dirname, { testTimeout: 120_000, fileParallelism: false }));
