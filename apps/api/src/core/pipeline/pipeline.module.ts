import { Global, Module } from '@nestjs/common';
import { HEADSHOT_ENGINE } from './headshot-engine';
import { PipelineHeadshotEngine } from './headshot-engine.service';

@Global()
@Module({ providers: [{ provide: HEADSHOT_ENGINE, useClass: PipelineHeadshotEngine }], exports: [HEADSHOT_ENGINE] })
export class PipelineModule {}
