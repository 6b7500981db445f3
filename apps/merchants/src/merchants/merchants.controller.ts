import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { ListMerchantsQuery } from './dto/list-merchants.query';
import { ReasonDto } from './dto/reason.dto';
import { QualificationDocumentDto, RegisterMerchantDto } from './dto/register-merchant.dto';
import { MerchantsService } from './merchants.service';

@ApiTags('merchants')
@ApiBearerAuth()
@Controller('merchants')
export class MerchantsController {
  constructor(private readonly merchants: MerchantsService) {}

  /** A merchant user registers its business; it waits in the ops review queue. */
  @Post()
  @Roles('merchant')
  register(@Body() request: RegisterMerchantDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.register(request, principal);
  }

  /** Ops listing; `?status=PENDING_REVIEW` is the review queue. */
  @Get()
  @Roles('ops')
  list(@Query() query: ListMerchantsQuery) {
    return this.merchants.list(query);
  }

  @Get(':id')
  @Roles('merchant', 'ops', 'service')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.merchants.get(id, principal);
  }

  /** The credibility score with its inputs and penalties. */
  @Get(':id/score')
  @Roles('ops')
  score(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.merchants.score(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.merchants.approve(id, principal);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.reject(id, body.reason, principal);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('ops')
  suspend(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.suspend(id, body.reason, principal);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('ops')
  reinstate(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.reinstate(id, body.reason, principal);
  }

  /** A renewed or additional qualification document. */
  @Post(':id/documents')
  @Roles('merchant', 'ops')
  addDocument(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: QualificationDocumentDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.addDocument(id, body, principal);
  }
}
