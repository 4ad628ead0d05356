import { Global, Module } from '@nestjs/common';
import { DecodeGate } from './decode-gate';
import { HEADSHOT_ENGINE } from './headshot-engine';
import { PipelineHeadshotEngine } from './headshot-engine.service';

@Global()
@Module({ providers: [DecodeGate, { provide: HEADSHOT_ENGINE, useClass: PipelineHeadshotEngine }], exports: [DecodeGate, HEADSHOT_ENGINE] })
export class PipelineModule {}
