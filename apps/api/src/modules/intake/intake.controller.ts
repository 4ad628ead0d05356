import { Controller, Get, HttpCode, Param, Post, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { InvitePageDto, PhotoAcceptedDto } from '@teamframe/shared-types';
import type { Request, Response } from 'express';
import { Public } from '../../core/auth/auth-context';
import { sendStoredFile } from '../../core/http/file-response';
import { UploadSlots } from '../../core/http/upload-slots';
import { StorageService } from '../../core/storage/storage.service';
import { IntakeService } from './intake.service';
import { readPhoto } from './read-photo';
import { UploadLinkLimit } from './upload-link-limit';

/** The employee's side: everything is reached through the invite link's token, no account. */
@ApiTags('employee upload')
@Public()
@Controller('invite/:token')
export class IntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly storage: StorageService,
    private readonly uploads: UploadSlots,
    private readonly linkLimit: UploadLinkLimit,
  ) {}

  // Per address limits are generous on purpose: a whole office behind one NAT address answers at once.
  @Get()
  @Throttle({ default: { limit: 600, ttl: 60_000 } })
  @ApiOperation({ summary: "The upload page's data: greeting, consent, status (404 unknown link, 410 expired). Never changes state." })
  page(@Param('token') token: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<InvitePageDto> {
    res.setHeader('Cache-Control', 'no-store');
    // The answer depends on the browser's language when the employee has none of their own.
    res.setHeader('Vary', 'Accept-Language');
    return this.intake.page(token, req.headers['accept-language']);
  }

  @Post('consent')
  @HttpCode(200)
  @Throttle({ default: { limit: 300, ttl: 60_000 } })
  @ApiOperation({ summary: 'Record that the employee accepted how the photo is used.' })
  consent(@Param('token') token: string): Promise<{ consentAcceptedAt: string }> {
    return this.intake.acceptConsent(token);
  }

  @Post('photo')
  // The per-link limit (countUpload) is the tight one.
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  @ApiOperation({ summary: 'Upload a selfie (multipart field "photo"): 201 accepted, 202 kept but not checked yet (status "checking", no worker answered in time: it is checked within minutes; or the org’s storage is full: it is processed once there is room), 422 PHOTO_REJECTED with the checks, 415 not a photo, 413 too large, 503 with Retry-After when the server is at its upload limit.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { photo: { type: 'string', format: 'binary' } }, required: ['photo'] } })
  async photo(@Param('token') token: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PhotoAcceptedDto> {
    // Link, consent and the per-link limit first: a refused upload costs no body read.
    await this.intake.assertCanUpload(token);
    await this.linkLimit.count(token);
    const answer = await this.uploads.run(async () => this.intake.acceptPhoto(token, await readPhoto(req), req.headers['accept-language']));
    if (answer.status === 'checking') res.status(202);
    return answer;
  }

  @Get('headshot')
  @ApiOperation({ summary: 'The approved headshot in the LinkedIn size.' })
  async headshot(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.intake.approvedHeadshot(token);
    return sendStoredFile(res, this.storage, file.key, { type: file.mime, disposition: { as: 'inline', fileName: file.fileName }, caching: 'personal' });
  }

  @Get('profile-picture')
  @ApiOperation({ summary: "The approved headshot's profile picture (404 when the style has none or nothing is approved yet)." })
  async profilePicture(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.intake.approvedProfilePicture(token);
    return sendStoredFile(res, this.storage, file.key, { type: file.mime, disposition: { as: 'inline', fileName: file.fileName }, caching: 'personal' });
  }

  @Get('logo')
  @ApiOperation({ summary: "The organisation's logo, for the upload page." })
  async logo(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendStoredFile(res, this.storage, await this.intake.logo(token), { type: 'image/png', caching: 300 });
  }
}
