import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type CreateExportRequest, CreateExportSchema, type ExportDto, type ExportOptionsDto } from '@teamframe/shared-types';
import type { Response } from 'express';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { fileBody, setFileHeaders } from '../../core/http/file-response';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { StorageService } from '../../core/storage/storage.service';
import { EXPORT_EXPIRED_MESSAGE } from './exports.errors';
import { ExportsService } from './exports.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such export in your organisation.') });

@ApiTags('exports')
@ApiCookieAuth()
@Roles('owner', 'hr_admin', 'marketing')
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly storage: StorageService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start an export of approved headshots (all, a department, or a selection) as a ZIP with manifests and a team page.' })
  @ApiBody({ schema: jsonSchema(CreateExportSchema) })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(CreateExportSchema)) body: CreateExportRequest): Promise<ExportDto> {
    return this.exports.create(auth, body);
  }

  @Get('options')
  @ApiOperation({ summary: "The renditions of the current style, its naming pattern and the departments, for the export form." })
  options(@Auth() auth: AuthContext): Promise<ExportOptionsDto> {
    return this.exports.options(auth);
  }

  @Get()
  @ApiOperation({ summary: 'The latest exports of your organisation, newest first.' })
  list(@Auth() auth: AuthContext): Promise<ExportDto[]> {
    return this.exports.list(auth);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One export: state, progress 0–1, size.' })
  get(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<ExportDto> {
    return this.exports.get(auth, id);
  }

  @Get(':id/download')
  @ApiProduces('application/zip')
  @ApiOperation({ summary: 'The ZIP (409 while it is being built, 410 once expired); with object storage and S3_PRESIGNED_DOWNLOADS, a 302 to a short-lived URL of the bucket.' })
  async download(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile | undefined> {
    const file = await this.exports.download(auth, id);
    setFileHeaders(res, 'personal');
    if (file.expired) throw new DomainError('EXPORT_EXPIRED', EXPORT_EXPIRED_MESSAGE);
    const direct = await this.storage.downloadUrl(file.key, { fileName: file.fileName, contentType: 'application/zip' });
    if (direct) {
      // Large ZIPs go from the bucket to the browser, not through the API; the download is still checked
      // and audited above. Nest sends nothing more once the response is finished.
      res.redirect(302, direct);
      return undefined;
    }
    return fileBody(await this.storage.openStream(file.key), { type: 'application/zip', length: file.size, disposition: { as: 'attachment', fileName: file.fileName } });
  }
}
