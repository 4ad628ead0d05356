import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type AdjustmentPreviewDto,
  type BulkApproveRequest,
  BulkApproveSchema,
  type BulkApproveResult,
  type HeadshotResultDto,
  type Page,
  type RefusedUploadDto,
  type RegenerateHeadshotRequest,
  RegenerateHeadshotSchema,
  type RejectHeadshotRequest,
  RejectHeadshotSchema,
  type ReviewDecisionDto,
  type ReviewItemDto,
  type ReviewListQuery,
  ReviewListQuerySchema,
} from '@teamframe/shared-types';
import { Auth, type AuthContext, Roles } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { jsonSchema } from '../../core/http/openapi-schema';
import { ZodPipe } from '../../core/http/zod-body.pipe';
import { ReviewService } from './review.service';

const employeeUuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such employee in your organisation.') });
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 'No such headshot in your organisation.') });

@ApiTags('review')
@ApiCookieAuth()
@Roles('owner', 'hr_admin')
@Controller()
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get('review')
  @ApiOperation({ summary: "The review grid: each employee's latest headshot in the given state, with quality score and warnings, paged." })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchema(ReviewListQuerySchema) })
  list(@Auth() auth: AuthContext, @Query(new ZodPipe(ReviewListQuerySchema)) q: ReviewListQuery): Promise<Page<ReviewItemDto>> {
    return this.review.list(auth, q);
  }

  @Post('review/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve many headshots at once; those not waiting for review are listed as skipped.' })
  @ApiBody({ schema: jsonSchema(BulkApproveSchema) })
  bulkApprove(@Auth() auth: AuthContext, @Body(new ZodPipe(BulkApproveSchema)) body: BulkApproveRequest): Promise<BulkApproveResult> {
    return this.review.bulkApprove(auth, body.headshotIds);
  }

  @Post('headshots/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a headshot: earlier versions are superseded and the employee is emailed their headshot.' })
  approve(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<ReviewDecisionDto> {
    return this.review.approve(auth, id);
  }

  @Post('headshots/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a headshot with a reason: the employee is emailed the reason and a fresh upload link.' })
  @ApiBody({ schema: jsonSchema(RejectHeadshotSchema) })
  reject(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(RejectHeadshotSchema)) body: RejectHeadshotRequest): Promise<ReviewDecisionDto> {
    return this.review.reject(auth, id, body.reason);
  }

  @Post('headshots/:id/regenerate')
  @HttpCode(202)
  @ApiOperation({ summary: 'Render a new version from the same selfie, optionally adjusted (crop nudge, background blur, exposure). Earlier versions stay until one is approved.' })
  @ApiBody({ schema: jsonSchema(RegenerateHeadshotSchema) })
  regenerate(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(RegenerateHeadshotSchema)) body: RegenerateHeadshotRequest): Promise<ReviewDecisionDto> {
    return this.review.regenerate(auth, id, body);
  }

  @Get('employees/:id/refused-uploads')
  @ApiOperation({ summary: "The employee's selfies the instant checks refused, newest first: when and why (the photos are never kept)." })
  refusedUploads(@Auth() auth: AuthContext, @Param('id', employeeUuid) id: string): Promise<RefusedUploadDto[]> {
    return this.review.refusedUploads(auth, id);
  }

  @Get('headshots/:id/results')
  @ApiOperation({ summary: 'Every result made from the selfie behind this headshot (Result 1, 2, …), oldest first.' })
  results(@Auth() auth: AuthContext, @Param('id', uuid) id: string): Promise<HeadshotResultDto[]> {
    return this.review.results(auth, id);
  }

  @Post('headshots/:id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render this headshot small with the given adjustments, without keeping it: the preview before a regeneration.' })
  @ApiBody({ schema: jsonSchema(RegenerateHeadshotSchema) })
  preview(@Auth() auth: AuthContext, @Param('id', uuid) id: string, @Body(new ZodPipe(RegenerateHeadshotSchema)) body: RegenerateHeadshotRequest): Promise<AdjustmentPreviewDto> {
    return this.review.previewAdjustments(auth, id, body);
  }
}
