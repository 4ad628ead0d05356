import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CreateCustomFieldRequest, CreateCustomFieldSchema, type CustomFieldDto, type UpdateCustomFieldRequest, UpdateCustomFieldSchema } from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { customFieldNotFound } from './custom-fields.errors';
import { CustomFieldsService } from './custom-fields.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: customFieldNotFound });

@ApiTags('custom-fields')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller('custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  @Get()
  @ApiOperation({ summary: "The org's custom employee fields, in display order." })
  list(@Auth() auth: AuthContext): Promise<CustomFieldDto[]> {
    return this.fields.definitions(auth.orgId);
  }

  @Post()
  @ApiOperation({ summary: 'Add a custom field (at most 20). The key is derived from the label unless given, and never changes.' })
  @ApiBody({ schema: jsonSchema(CreateCustomFieldSchema) })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(CreateCustomFieldSchema)) body: CreateCustomFieldRequest): Promise<CustomFieldDto> {
    return this.fields.create(auth, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename (values are kept), move, or show/hide a field on the team page.' })
  @ApiBody({ schema: jsonSchema(UpdateCustomFieldSchema) })
  update(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(UpdateCustomFieldSchema)) body: UpdateCustomFieldRequest): Promise<CustomFieldDto> {
    return this.fields.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: "Delete a field and every employee's value of it." })
  remove(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<{ valuesRemoved: number }> {
    return this.fields.remove(auth, id);
  }
}
