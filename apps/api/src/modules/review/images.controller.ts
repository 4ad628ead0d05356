import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, Throttle } from '@nestjs/throttler';
import { type ImageUrlQuery, ImageUrlQuerySchema, type SignedImageUrlDto } from '@teamframe/shared-types';
import type { Response } from 'express';
import { Auth, type AuthContext, Public, Roles } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { fileBody, sendStoredFile, setFileHeaders } from '../../core/http/file-response';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { StorageService } from '../../core/storage/storage.service';
import { badSignature } from './review.errors';
import { printPreview, previewFileName } from './print-preview';
import { type ImageFile, ReviewService } from './review.service';
import { type SignedSubject, verifyImageSignature } from './signed-url';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such image in your organisation.') });

/**
 * Headshot renditions and original selfies, only to signed-in users of the org or through a
 * short-lived signed URL. Never cached across users, never sniffed into another type. A print file (TIFF or
 * CMYK) is sent as an sRGB JPEG preview, since these routes feed <img> elements.
 */
@ApiTags('review')
@Controller()
export class ImagesController {
  constructor(
    private readonly review: ReviewService,
    private readonly storage: StorageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('headshots/:id/renditions/:name')
  @ApiCookieAuth()
  @Roles('owner', 'hr_admin', 'marketing')
  @SkipThrottle()
  @ApiOperation({ summary: 'One rendition of a headshot of your organisation.' })
  async rendition(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Param('name') name: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.send(res, await this.review.rendition(auth, id, name));
  }

  @Get('uploads/:id/original')
  @ApiCookieAuth()
  @Roles('owner', 'hr_admin')
  @SkipThrottle()
  @ApiOperation({ summary: 'The selfie an upload stored (metadata-free), for the side-by-side review.' })
  async original(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.send(res, await this.review.original(auth, id));
  }

  @Get('headshots/:id/image-url')
  // A review page asks for two URLs per card, 50 cards a page: far above the general limit.
  @Throttle({ default: { limit: 3_000, ttl: 60_000 } })
  @ApiCookieAuth()
  @Roles('owner', 'hr_admin', 'marketing')
  @ApiOperation({ summary: 'A URL for one rendition (or `original`, HR only) that works for 5 minutes without the session cookie.' })
  @ApiQuery({ name: 'rendition', required: true, schema: jsonSchema(ImageUrlQuerySchema.shape.rendition) })
  imageUrl(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Query(new ZodPipe(ImageUrlQuerySchema)) q: ImageUrlQuery): Promise<SignedImageUrlDto> {
    return this.review.imageUrl(auth, id, q.rendition);
  }

  @Get('signed/headshots/:id/renditions/:name')
  @Throttle({ default: { limit: 3_000, ttl: 60_000 } })
  @Public()
  @ApiOperation({ summary: 'A rendition through a signed URL from image-url (404 once expired or altered).' })
  async signedRendition(@Param('id', uuid) id: string, @Param('name') name: string, @Query('expires') expires: unknown, @Query('sig') sig: unknown, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.sendSigned(res, { kind: 'rendition', headshotId: id, name }, expires, sig);
  }

  @Get('signed/uploads/:id/original')
  @Throttle({ default: { limit: 3_000, ttl: 60_000 } })
  @Public()
  @ApiOperation({ summary: 'An original selfie through a signed URL from image-url (404 once expired or altered).' })
  async signedOriginal(@Param('id', uuid) id: string, @Query('expires') expires: unknown, @Query('sig') sig: unknown, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return this.sendSigned(res, { kind: 'original', uploadId: id }, expires, sig);
  }

  private async sendSigned(res: Response, s: SignedSubject, expires: unknown, sig: unknown): Promise<StreamableFile> {
    if (!verifyImageSignature(this.config.TEAMFRAME_SECRET!, s, expires, sig)) throw badSignature();
    return this.send(res, await this.review.signedFile(s));
  }

  private async send(res: Response, file: ImageFile): Promise<StreamableFile> {
    if (file.print) {
      setFileHeaders(res, 'personal-sandboxed');
      return fileBody(await printPreview(await this.storage.read(file.key)), { type: 'image/jpeg', disposition: { as: 'inline', fileName: previewFileName(file.fileName) } });
    }
    return sendStoredFile(res, this.storage, file.key, { type: file.mime, disposition: { as: 'inline', fileName: file.fileName }, caching: 'personal-sandboxed' });
  }
}
