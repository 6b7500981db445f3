import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { ListMerchantsQuery } from './dto/list-merchants.query';
import { ReasonDto } from './dto/reason.dto';
import { QualificationDocumentDto, RegisterMerchantDto } from './dto/register-merchant.dto';
import { MerchantsService } from './merchants.service';
import { MerchantPageResponse, MerchantResponse, MerchantScoreResponse } from './dto/merchant.response';

@ApiTags('merchants')
@ApiBearerAuth()
@Controller('merchants')
export class MerchantsController {
  constructor(private readonly merchants: MerchantsService) {}

  /** A merchant user registers its business; it waits in the ops review queue. */
  @Post()
  @Roles('merchant')
  @ApiCreatedResponse({ type: MerchantResponse })
  @ApiProblems(409)
  register(@Body() request: RegisterMerchantDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.register(request, principal);
  }

  /** Ops listing; `?status=PENDING_REVIEW` is the review queue. */
  @Get()
  @Roles('ops')
  @ApiOkResponse({ type: MerchantPageResponse })
  list(@Query() query: ListMerchantsQuery) {
    return this.merchants.list(query);
  }

  /** A merchant with its documents and audit trail; a merchant user sees only its own. */
  @Get(':id')
  @Roles('merchant', 'ops', 'service')
  @ApiOkResponse({ type: MerchantResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.merchants.get(id, principal);
  }

  /** The credibility score with its inputs and penalties. */
  @Get(':id/score')
  @Roles('ops')
  @ApiOkResponse({ type: MerchantScoreResponse })
  score(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.merchants.score(id);
  }

  /** Approves a merchant in review (publishes merchants.merchant.approved). */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.merchants.approve(id, principal);
  }

  /** Rejects a merchant in review, with the reason; final. */
  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.reject(id, body.reason, principal);
  }

  /** Suspends an approved merchant: catalog delists all its products. */
  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  suspend(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.suspend(id, body.reason, principal);
  }

  /** Reinstates a suspended merchant whose documents are current. */
  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  reinstate(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.reinstate(id, body.reason, principal);
  }

  /** A renewed or additional qualification document. */
  @Post(':id/documents')
  @Roles('merchant', 'ops')
  @ApiCreatedResponse({ type: MerchantResponse })
  addDocument(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: QualificationDocumentDto, @CurrentPrincipal() principal: Principal) {
    return this.merchants.addDocument(id, body, principal);
  }
}
