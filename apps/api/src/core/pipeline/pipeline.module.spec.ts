import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { ConfigModule } from '../config/config.module';
import { parseConfig } from '../config/config';
import { GENERATOR } from './generator.token';
import { LocalGenerator } from './local-generator';
import { NoPixelWork } from './no-pixel-work';
import { PipelineModule } from './pipeline.module';

// The workers and the intake get their Generator from one provider, picked by HEADSHOT_GENERATOR.
async function generatorFor(env: NodeJS.ProcessEnv) {
  @Module({ imports: [ConfigModule.forRoot(parseConfig(env)), PipelineModule] })
  class Root {}
  const app = await NestFactory.createApplicationContext(Root, { logger: false });
  return { app, generator: app.get(GENERATOR) };
}

describe('GENERATOR', () => {
  it('is the local engine by default, built once and without loading models until a photo comes', async () => {
    const { app, generator } = await generatorFor({});
    expect(generator).toBeInstanceOf(LocalGenerator);
    expect((generator as LocalGenerator).loaded).toBe(false);
    expect(app.get(GENERATOR)).toBe(generator);
    await app.close();
  });

  it('is named by HEADSHOT_GENERATOR, and an unknown name stops the process at its configuration', async () => {
    const { app, generator } = await generatorFor({ HEADSHOT_GENERATOR: 'local' });
    expect(generator).toBeInstanceOf(LocalGenerator);
    await app.close();
    expect(() => parseConfig({ HEADSHOT_GENERATOR: 'dall-e' })).toThrow(/^Configuration error: HEADSHOT_GENERATOR must be one of local/);
  });

  it('is no engine at all in an api process: pixel work there fails loudly instead of loading models', async () => {
    const { app, generator } = await generatorFor({ TEAMFRAME_ROLE: 'api' });
    expect(generator).toBeInstanceOf(NoPixelWork);
    await expect(generator.precheck(Buffer.alloc(0), {} as never)).rejects.toThrow(/upload checks run on the workers/);
    await expect(generator.render(Buffer.alloc(0), {} as never)).rejects.toThrow(/rendered by the workers/);
    await app.close();
  });
});
