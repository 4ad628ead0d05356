import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type SaveStyleRequest,
  SaveStyleSchema,
  type StyleChange,
  type StylePresetDto,
  type StylePreviewDto,
  type StylePreviewRequest,
  StylePreviewSchema,
  type StyleVersionDto,
} from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { IntParamPipe } from '../../core/http/int-param.pipe';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { StylesService } from './styles.service';

@ApiTags('styles')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller('styles')
export class StylesController {
  constructor(private readonly styles: StylesService) {}

  @Get('presets')
  @ApiOperation({ summary: 'The built-in styles to start from.' })
  presets(): StylePresetDto[] {
    return this.styles.presets();
  }

  @Get('versions')
  @ApiOperation({ summary: 'Every saved version of the company style, newest first.' })
  versions(@Auth() auth: AuthContext): Promise<StyleVersionDto[]> {
    return this.styles.versions(auth);
  }

  @Get('versions/:version')
  version(@Auth() auth: AuthContext, @Param('version', new IntParamPipe('version')) version: number): Promise<StyleVersionDto> {
    return this.styles.version(auth, version);
  }

  @Get('versions/:a/diff/:b')
  @ApiOperation({ summary: 'What changed between two versions, field by field.' })
  diff(@Auth() auth: AuthContext, @Param('a', new IntParamPipe('a')) a: number, @Param('b', new IntParamPipe('b')) b: number): Promise<StyleChange[]> {
    return this.styles.diff(auth, a, b);
  }

  @Post()
  @ApiOperation({ summary: 'Save a new version of the company style (validated; it becomes current). Batches already started keep theirs.' })
  @ApiBody({ schema: jsonSchema(SaveStyleSchema) })
  save(@Auth() auth: AuthContext, @Body(new ZodPipe(SaveStyleSchema)) body: SaveStyleRequest): Promise<StyleVersionDto> {
    return this.styles.save(auth, body.document);
  }

  @Post('versions/:version/restore')
  @ApiOperation({ summary: 'Make an older version current again (as a new version).' })
  restore(@Auth() auth: AuthContext, @Param('version', new IntParamPipe('version')) version: number): Promise<StyleVersionDto> {
    return this.styles.restore(auth, version);
  }

  @Post('preview')
  @ApiOperation({ summary: "Render a draft style on a few of the org's selfies at reduced size." })
  @ApiBody({ schema: jsonSchema(StylePreviewSchema) })
  preview(@Auth() auth: AuthContext, @Body(new ZodPipe(StylePreviewSchema)) body: StylePreviewRequest): Promise<StylePreviewDto> {
    return this.styles.preview(auth, body.document, body.uploadIds);
  }
}
