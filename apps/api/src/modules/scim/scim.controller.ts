import { All, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../core/auth/auth-context';
import { ScimContentTypeInterceptor } from './scim-content-type.interceptor';
import { ScimErrorFilter } from './scim-error.filter';
import { ScimGroupsService } from './scim-groups.service';
import { resourceTypes, schemas, serviceProviderConfig } from './scim-schemas';
import type { ScimCaller } from './scim-settings.service';
import { Scim, ScimGuard } from './scim.guard';
import { ScimUsersService } from './scim-users.service';
import { ScimError } from './scim-error';

interface ListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  excludedAttributes?: string;
}

// SCIM is described by its own discovery endpoints (below), not by the OpenAPI document; its bearer
// token is checked by ScimGuard, so the session guard lets these routes through (@Public).
@ApiExcludeController()
@Public()
@UseGuards(ScimGuard)
@UseFilters(ScimErrorFilter)
@UseInterceptors(ScimContentTypeInterceptor)
@Controller('scim/v2')
export class ScimController {
  constructor(
    private readonly users: ScimUsersService,
    private readonly groups: ScimGroupsService,
  ) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Scim() caller: ScimCaller) {
    return serviceProviderConfig(caller.baseUrl);
  }

  @Get('ResourceTypes')
  resourceTypes(@Scim() caller: ScimCaller) {
    const all = resourceTypes(caller.baseUrl);
    return { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all };
  }

  @Get('ResourceTypes/:id')
  resourceType(@Scim() caller: ScimCaller, @Param('id') id: string) {
    const found = resourceTypes(caller.baseUrl).find((r) => r.id === id);
    if (!found) throw new ScimError(404, `No resource type ${id}.`);
    return found;
  }

  @Get('Schemas')
  schemas(@Scim() caller: ScimCaller) {
    const all = schemas(caller.baseUrl);
    return { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all };
  }

  @Get('Schemas/:id')
  schema(@Scim() caller: ScimCaller, @Param('id') id: string) {
    const found = schemas(caller.baseUrl).find((s) => s.id === id);
    if (!found) throw new ScimError(404, `No schema ${id}.`);
    return found;
  }

  @Get('Users')
  listUsers(@Scim() caller: ScimCaller, @Query() q: ListQuery) {
    return this.users.list(caller, q);
  }

  @Post('Users')
  async createUser(@Scim() caller: ScimCaller, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const user = await this.users.create(caller, body);
    res.setHeader('Location', (user.meta as { location: string }).location);
    return user;
  }

  @Get('Users/:id')
  getUser(@Scim() caller: ScimCaller, @Param('id') id: string) {
    return this.users.get(caller, id);
  }

  @Put('Users/:id')
  replaceUser(@Scim() caller: ScimCaller, @Param('id') id: string, @Body() body: unknown) {
    return this.users.replace(caller, id, body);
  }

  @Patch('Users/:id')
  patchUser(@Scim() caller: ScimCaller, @Param('id') id: string, @Body() body: unknown) {
    return this.users.patch(caller, id, body);
  }

  @Delete('Users/:id')
  @HttpCode(204)
  deleteUser(@Scim() caller: ScimCaller, @Param('id') id: string): Promise<void> {
    return this.users.remove(caller, id);
  }

  @Get('Groups')
  listGroups(@Scim() caller: ScimCaller, @Query() q: ListQuery) {
    return this.groups.list(caller, q);
  }

  @Post('Groups')
  async createGroup(@Scim() caller: ScimCaller, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const group = await this.groups.create(caller, body);
    res.setHeader('Location', (group.meta as { location: string }).location);
    return group;
  }

  @Get('Groups/:id')
  getGroup(@Scim() caller: ScimCaller, @Param('id') id: string, @Query('excludedAttributes') excluded?: string) {
    return this.groups.get(caller, id, excluded);
  }

  @Put('Groups/:id')
  replaceGroup(@Scim() caller: ScimCaller, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.replace(caller, id, body);
  }

  @Patch('Groups/:id')
  @HttpCode(204)
  patchGroup(@Scim() caller: ScimCaller, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.groups.patch(caller, id, body);
  }

  @Delete('Groups/:id')
  @HttpCode(204)
  deleteGroup(@Scim() caller: ScimCaller, @Param('id') id: string): Promise<void> {
    return this.groups.remove(caller, id);
  }

  // Last, so it only catches what nothing above matched (/Bulk, /Me, a wrong method): a SCIM-shaped 404.
  @All('{*path}')
  unknown(@Req() req: Request): never {
    throw new ScimError(404, `${req.method} ${req.path} is not supported by this SCIM service (no Bulk, no /Me).`);
  }
}
