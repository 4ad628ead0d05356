import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { PageMessagesDto } from '@teamframe/shared-types';
import type { Response } from 'express';
import { Public } from '../../core/auth/auth-context';
import { MessageCatalogue } from '../../core/i18n/message-catalogue';

/**
 * The upload page's words, served by the API so a company's own translation files (I18N_DIR) reach the
 * page too. Public: the messages are the same for everyone and hold nothing about anyone.
 */
@ApiTags('employee upload')
@Public()
@Controller('i18n')
export class PageMessagesController {
  constructor(private readonly catalogue: MessageCatalogue) {}

  @Get(':language')
  @Throttle({ default: { limit: 600, ttl: 60_000 } })
  @ApiOperation({ summary: "The upload page's messages (ICU MessageFormat) in the closest language there are messages for (`de-AT` → German, an unknown tag → English), with its text direction." })
  messages(@Param('language') language: string, @Res({ passthrough: true }) res: Response): PageMessagesDto {
    res.setHeader('Cache-Control', 'public, max-age=300');
    return this.catalogue.pageMessages(language.slice(0, 35));
  }
}
