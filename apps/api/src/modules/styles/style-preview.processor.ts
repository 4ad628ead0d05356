import { Inject, Injectable } from '@nestjs/common';
import { INTERACTIVE_JOB, QUEUE, type Style, type StylePreviewDto, type StylePreviewJobPayload } from '@teamframe/shared-types';
import { readSamplePortrait, SAMPLE_PORTRAITS, type Generator } from '@teamframe/pipeline';
import { type Job, UnrecoverableError } from 'bullmq';
import type Redis from 'ioredis';
import { GENERATOR } from '../../core/pipeline/generator.token';
import { RunsJob } from '../../core/queue/job-handlers';
import { REDIS } from '../../core/redis/redis.module';
import { StorageService } from '../../core/storage/storage.service';
import { StylesRepository } from './styles.repository';
import { previewKey } from './styles.service';

const PREVIEW_SIZE = 480;

/** Renders style drafts for the editor, on the `interactive` queue that batches never occupy. */
@Injectable()
export class StylePreviewProcessor {
  constructor(
    private readonly repo: StylesRepository,
    private readonly storage: StorageService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GENERATOR) private readonly generator: Generator,
  ) {}

  @RunsJob(QUEUE.interactive, INTERACTIVE_JOB.stylePreview)
  async render(job: Job<StylePreviewJobPayload>): Promise<StylePreviewDto> {
    const raw = await this.redis.get(previewKey(job.data.previewId));
    if (!raw) throw new UnrecoverableError('The preview draft expired before a worker picked it up.');
    const draft = JSON.parse(raw) as { orgId: string; style: Style; uploadIds: string[]; samples?: boolean };
    // Same framing and look at a fraction of the size: one small JPEG per selfie.
    const style: Style = { ...draft.style, canvas: { ...draft.style.canvas, width: PREVIEW_SIZE }, renditions: [{ ...draft.style.renditions[0], name: 'preview', size: PREVIEW_SIZE, format: 'jpeg', colourSpace: 'srgb', quality: 82 }] } as Style;
    const background = style.background.type === 'image' ? await this.storage.read(style.background.ref) : undefined;
    const uploads = await this.repo.uploads(draft.orgId, draft.uploadIds);
    const items: StylePreviewDto['items'] = [];
    const render = async (id: string, bytes: Buffer, sample?: { label: string; credit: string }) => {
      const started = Date.now();
      const out = await this.generator.render(bytes, style, background);
      const image = out.ok && out.renditions[0] ? `data:${out.renditions[0].mime};base64,${out.renditions[0].bytes.toString('base64')}` : null;
      items.push({ uploadId: id, ok: out.ok, image, message: out.ok ? null : (out.checks[0]?.sentence ?? 'This selfie could not be rendered.'), ms: Date.now() - started, ...(sample ? { sample } : {}) });
    };
    for (const u of uploads) await render(u.id, await this.storage.read(u.originalKey));
    if (draft.samples) for (const s of SAMPLE_PORTRAITS) await render(s.id, await readSamplePortrait(s.id), { label: s.label, credit: s.credit });
    return { items };
  }
}
