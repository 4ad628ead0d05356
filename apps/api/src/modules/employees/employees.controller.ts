import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBody, ApiConsumes, ApiCookieAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type EmployeeDto,
  type EmployeeInput,
  EmployeeInputSchema,
  type EmployeeListQuery,
  EmployeeListQuerySchema,
  type EmployeeUpdate,
  EmployeeUpdateSchema,
  type ImportResult,
  type Page,
} from '@teamframe/shared-types';
import { z } from 'zod';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { setDownloadHeaders } from '../../core/http/file-response';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { readCsvUpload } from './csv-upload';
import { EmployeesService, toEmployeeDto } from './employees.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such employee in your organisation.') });
const DryRunSchema = z.strictObject({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') });

@ApiTags('employees')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller('employees')
export class EmployeesController {
  constructor(private readonly employees: EmployeesService) {}

  @Get()
  @ApiOperation({ summary: 'Page through the directory: sort, search by name or email, filter by department and status.' })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchema(EmployeeListQuerySchema) })
  list(@Auth() auth: AuthContext, @Query(new ZodPipe(EmployeeListQuerySchema)) q: EmployeeListQuery): Promise<Page<EmployeeDto>> {
    return this.employees.list(auth, q);
  }

  @Get('departments')
  @ApiOperation({ summary: 'The departments in use, for filters.' })
  departments(@Auth() auth: AuthContext): Promise<string[]> {
    return this.employees.departments(auth);
  }

  @Post()
  @ApiOperation({ summary: 'Add one employee.' })
  @ApiBody({ schema: jsonSchema(EmployeeInputSchema) })
  create(@Auth() auth: AuthContext, @Body(new ZodPipe(EmployeeInputSchema)) body: EmployeeInput): Promise<EmployeeDto> {
    return this.employees.create(auth, body);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: "Import a CSV (email, first name, last name, title, department, and a column per custom field named by its label or key). dryRun=true (the default) writes nothing and lists row errors." })
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async import(@Auth() auth: AuthContext, @Query(new ZodPipe(DryRunSchema)) q: { dryRun: boolean }, @Req() req: Request): Promise<ImportResult> {
    if (!req.is(['text/csv', 'text/plain'])) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as the request body with Content-Type text/csv.');
    const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    return this.employees.import(auth, await readCsvUpload(req, length), q.dryRun);
  }

  @Get('status.csv')
  @ApiOperation({ summary: "Every employee's state (name, email, department, custom fields, status, dates) as CSV, safe to open in a spreadsheet." })
  async statusCsv(@Auth() auth: AuthContext, @Res({ passthrough: true }) res: Response): Promise<string> {
    setDownloadHeaders(res, { type: 'text/csv; charset=utf-8', disposition: { as: 'attachment', fileName: 'employee-status.csv' } });
    return this.employees.statusCsv(auth);
  }

  @Get(':id')
  async get(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<EmployeeDto> {
    return toEmployeeDto(await this.employees.get(auth, id));
  }

  @Patch(':id')
  @ApiBody({ schema: jsonSchema(EmployeeUpdateSchema) })
  update(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(EmployeeUpdateSchema)) body: EmployeeUpdate): Promise<EmployeeDto> {
    return this.employees.update(auth, id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate: hidden from lists and batches; any open invite link stops working.' })
  deactivate(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<EmployeeDto> {
    return this.employees.setActive(auth, id, false);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<EmployeeDto> {
    return this.employees.setActive(auth, id, true);
  }
}
