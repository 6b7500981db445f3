import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@emporium/platform';
import { CouponsService } from './coupons.service';
import { CouponResponse, SegmentIssuanceResponse } from './dto/coupon.response';
import { CreateCouponDto, SegmentIssuanceDto } from './dto/create-coupon.dto';

@ApiTags('coupons')
@ApiBearerAuth()
@Controller('coupons')
export class CouponsController {
  constructor(private readonly coupons: CouponsService) {}

  @Post()
  @Roles('ops')
  @ApiOperation({
    summary:
      'Creates a coupon code for a promotion that needs one, with total and per-customer caps and a validity window. Roles: ops.',
  })
  @ApiCreatedResponse({ type: CouponResponse, description: 'The coupon' })
  @ApiProblems(409, 422)
  create(@Body() dto: CreateCouponDto) {
    return this.coupons.create(dto);
  }

  @Post('segment-issuances')
  @Roles('ops')
  @ApiOperation({
    summary:
      'Issues one personal single-use code of the promotion to each customer who ordered within boughtWithinDays but not within notWithinDays (from orders events); customers holding one already are skipped. Roles: ops.',
  })
  @ApiCreatedResponse({ type: SegmentIssuanceResponse, description: 'How many codes were issued' })
  @ApiProblems(422)
  issueToSegment(@Body() dto: SegmentIssuanceDto) {
    return this.coupons.issueToSegment(dto);
  }

  @Get(':code')
  @Roles('ops')
  @ApiOperation({ summary: 'A coupon with its redemption count. Roles: ops.' })
  @ApiOkResponse({ type: CouponResponse, description: 'The coupon' })
  get(@Param('code') code: string) {
    return this.coupons.get(code);
  }
}
