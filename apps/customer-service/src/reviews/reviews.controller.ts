import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { ListReviewsQuery } from './dto/list-reviews.query';
import { ReviewPageResponse, ReviewResponse } from './dto/review.response';
import { WriteReviewDto } from './dto/write-review.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post()
  @Roles('customer')
  @ApiOperation({
    summary:
      'Reviews a delivered line of the caller\u2019s own order, once. Published at once (customer-service.review.published) unless a listed word sends it to moderation; 2 stars or less opens a complaint ticket.',
  })
  @ApiCreatedResponse({ type: ReviewResponse, description: 'The review, PUBLISHED or PENDING_MODERATION' })
  @ApiProblems(400, 404, 409, 422)
  write(@Body() request: WriteReviewDto, @CurrentPrincipal() principal: Principal) {
    return this.reviews.write(request, principal);
  }

  @Get()
  @Roles('customer', 'merchant', 'ops', 'service')
  @ApiOperation({ summary: 'Published reviews, newest first (ops: any status; a customer also its own).' })
  @ApiOkResponse({ type: ReviewPageResponse, description: '`items` and `nextCursor`' })
  @ApiProblems(400)
  list(@Query() query: ListReviewsQuery, @CurrentPrincipal() principal: Principal) {
    return this.reviews.list(query, principal);
  }

  @Get(':id')
  @Roles('customer', 'merchant', 'ops', 'service')
  @ApiOperation({ summary: 'One review; unpublished ones only to ops and their author.' })
  @ApiOkResponse({ type: ReviewResponse, description: 'The review' })
  @ApiProblems(400, 404)
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.reviews.get(id, principal);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Publishes a review held for moderation: customer-service.review.published.' })
  @ApiOkResponse({ type: ReviewResponse, description: 'The review, PUBLISHED' })
  @ApiProblems(400, 404, 409)
  approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.reviews.approve(id, principal);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Rejects a review held for moderation; it is never published.' })
  @ApiOkResponse({ type: ReviewResponse, description: 'The review, REJECTED' })
  @ApiProblems(400, 404, 409)
  reject(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.reviews.reject(id, principal);
  }
}
