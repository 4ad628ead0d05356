import { Body, Controller, Delete, Get, Param, Post, Put, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type BrandBackgroundDto, type BrandColoursRequest, BrandColoursSchema, type BrandKitDto } from '@teamframe/shared-types';
import type { Request, Response } from 'express';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { sendStoredFile } from '../../core/http/file-response';
import { UploadSlots } from '../../core/http/upload-slots';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { StorageService } from '../../core/storage/storage.service';
import { readPhoto } from '../intake/read-photo';
import { BrandService } from './brand.service';

const IMAGE_LIMITS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 60_000 };
const imageBody = { schema: { type: 'object', properties: { image: { type: 'string', format: 'binary' } }, required: ['image'] } };

@ApiTags('brand')
@ApiCookieAuth()
@Controller('org/brand')
export class BrandController {
  constructor(
    private readonly brand: BrandService,
    private readonly storage: StorageService,
    private readonly uploads: UploadSlots,
  ) {}

  @Get()
  @Roles('owner', 'hr_admin', 'marketing')
  kit(@Auth() auth: AuthContext): Promise<BrandKitDto> {
    return this.brand.kit(auth.orgId);
  }

  @Put('logo')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'Upload the logo (multipart field "image": JPEG, PNG or WebP, ≤ 10 MB); shown on invite mails, the upload page and team pages.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(imageBody)
  async setLogo(@Auth() auth: AuthContext, @Req() req: Request): Promise<BrandKitDto> {
    return this.uploads.run(async () => this.brand.setLogo(auth, await readPhoto(req, IMAGE_LIMITS, 'image')));
  }

  @Delete('logo')
  @Roles('owner', 'hr_admin')
  removeLogo(@Auth() auth: AuthContext): Promise<BrandKitDto> {
    return this.brand.removeLogo(auth);
  }

  @Get('logo')
  @Roles('owner', 'hr_admin', 'marketing')
  async logo(@Auth() auth: AuthContext, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const key = await this.brand.logoKey(auth.orgId);
    if (!key) throw new DomainError('NOT_FOUND', 'Your organisation has no logo yet.');
    return sendStoredFile(res, this.storage, key, { type: 'image/png', caching: 'revalidate' });
  }

  @Put('colours')
  @Roles('owner', 'hr_admin')
  @ApiBody({ schema: jsonSchema(BrandColoursSchema) })
  setColours(@Auth() auth: AuthContext, @Body(new ZodPipe(BrandColoursSchema)) body: BrandColoursRequest): Promise<BrandKitDto> {
    return this.brand.setColours(auth, body.colours);
  }

  @Post('backgrounds')
  @Roles('owner', 'hr_admin')
  @ApiOperation({ summary: 'Upload a brand background image (multipart field "image"); use its ref in a style.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(imageBody)
  async addBackground(@Auth() auth: AuthContext, @Req() req: Request): Promise<BrandBackgroundDto> {
    return this.uploads.run(async () => this.brand.addBackground(auth, await readPhoto(req, IMAGE_LIMITS, 'image')));
  }

  @Get('backgrounds/:name')
  @Roles('owner', 'hr_admin')
  async background(@Auth() auth: AuthContext, @Param('name') name: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    return sendStoredFile(res, this.storage, this.brand.backgroundKey(auth.orgId, name), { type: 'image/jpeg', caching: 3600, missing: 'No such brand image.' });
  }
}
