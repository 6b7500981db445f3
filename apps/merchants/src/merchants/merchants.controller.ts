import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { ListMerchantsQuery } from './dto/list-merchants.query';
import { ReasonDto } from './dto/reason.dto';
import { QualificationDocumentDto, RegisterMerchantDto } from './dto/register-merchant.dto';
import { CredibilityFacts } from './credibility-facts.service';
import { MerchantDecisions } from './merchant-decisions.service';
import { MerchantDocuments } from './merchant-documents.service';
import { MerchantRecords } from './merchant-records.service';
import { MerchantPageResponse, MerchantResponse, MerchantScoreResponse } from './dto/merchant.response';

@ApiTags('merchants')
@ApiBearerAuth()
@Controller('merchants')
export class MerchantsController {
  constructor(
    private readonly records: MerchantRecords,
    private readonly decisions: MerchantDecisions,
    private readonly documents: MerchantDocuments,
    private readonly credibility: CredibilityFacts,
  ) {}

  /** A merchant user registers its business; it waits in the ops review queue. */
  @Post()
  @Roles('merchant')
  @ApiCreatedResponse({ type: MerchantResponse })
  @ApiProblems(409)
  register(@Body() request: RegisterMerchantDto, @CurrentPrincipal() principal: Principal) {
    return this.records.register(request, principal);
  }

  /** Ops listing; `?status=PENDING_REVIEW` is the review queue. */
  @Get()
  @Roles('ops')
  @ApiOkResponse({ type: MerchantPageResponse })
  list(@Query() query: ListMerchantsQuery) {
    return this.records.list(query);
  }

  /** A merchant with its documents and audit trail; a merchant user sees only its own. */
  @Get(':id')
  @Roles('merchant', 'ops', 'service')
  @ApiOkResponse({ type: MerchantResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.records.get(id, principal);
  }

  /** The credibility score with its inputs and penalties. */
  @Get(':id/score')
  @Roles('ops')
  @ApiOkResponse({ type: MerchantScoreResponse })
  score(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.credibility.score(id);
  }

  /** Approves a merchant in review (publishes merchants.merchant.approved). */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.decisions.approve(id, principal);
  }

  /** Rejects a merchant in review, with the reason; final. */
  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  reject(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.decisions.reject(id, body.reason, principal);
  }

  /** Suspends an approved merchant: catalog delists all its products. */
  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  suspend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.decisions.suspend(id, body.reason, principal);
  }

  /** Reinstates a suspended merchant whose documents are current. */
  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: MerchantResponse })
  @ApiProblems(409)
  reinstate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.decisions.reinstate(id, body.reason, principal);
  }

  /** A renewed or additional qualification document. */
  @Post(':id/documents')
  @Roles('merchant', 'ops')
  @ApiCreatedResponse({ type: MerchantResponse })
  addDocument(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: QualificationDocumentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.documents.addDocument(id, body, principal);
  }
}
