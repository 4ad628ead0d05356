import { defineConfig } from 'vitest/config';
import { vitestProject } from '../tools/vitest-shared.mjs';

// Journeys drive the running product in Debian's Chromium, one file at a time.
export default defineConfig(vitestProject('e2e', import.meta.dirname, { fileParallelism: false, testTimeout: 120_000, hookTimeout: 180_000 }));
