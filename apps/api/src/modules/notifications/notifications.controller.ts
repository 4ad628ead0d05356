import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type NotificationSettings, NotificationSettingsSchema, type NotificationSettingsDto } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { NotificationPreferencesService } from './notification-preferences.service';

@ApiTags('notifications')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly prefs: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Your own HR mail switches (the defaults until you save them).' })
  get(@Auth() auth: AuthContext): Promise<NotificationSettingsDto> {
    return this.prefs.get(auth);
  }

  @Put()
  @ApiOperation({ summary: 'Turn your own HR mails on or off: daily digest, batch finished, review waiting, campaign due tomorrow.' })
  @ApiBody({ schema: jsonSchema(NotificationSettingsSchema) })
  update(@Auth() auth: AuthContext, @Body(new ZodPipe(NotificationSettingsSchema)) body: NotificationSettings): Promise<NotificationSettingsDto> {
    return this.prefs.update(auth, body);
  }
}
