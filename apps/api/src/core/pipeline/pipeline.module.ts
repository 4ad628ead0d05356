import { Global, Module, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Generator } from '@teamframe/pipeline';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DecodeGate } from './decode-gate';
import { GENERATOR } from './generator.token';
import { LocalGenerator } from './local-generator';
import { NoPixelWork } from './no-pixel-work';

/**
 * Every Generator by its HEADSHOT_GENERATOR value. A generative provider is one file (a class
 * implementing `Generator`, injectable like LocalGenerator) and one value in the config's enum and here.
 */
const GENERATORS: Record<AppConfig['HEADSHOT_GENERATOR'], Type<Generator>> = { local: LocalGenerator };

@Global()
@Module({
  providers: [
    DecodeGate,
    // Only the configured one is built; its lifecycle hooks (closing the local engine's threads) run as a
    // provider's. An `api` process gets none: the workers check its uploads.
    {
      provide: GENERATOR,
      inject: [APP_CONFIG, ModuleRef],
      useFactory: (config: AppConfig, refs: ModuleRef) => (config.TEAMFRAME_ROLE === 'api' ? new NoPixelWork() : refs.create(GENERATORS[config.HEADSHOT_GENERATOR])),
    },
  ],
  exports: [DecodeGate, GENERATOR],
})
export class PipelineModule {}
