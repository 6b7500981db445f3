import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { LedgerPageQuery } from '../points/dto/ledger-page.query';
import { LedgerPageResponse, MemberExportResponse, PointsBalanceResponse } from '../points/dto/points.response';
import { PointsReader } from '../points/points-reader';
import { FindMemberQuery } from './dto/find-member.query';
import { ErasureResponse, MemberContactResponse, MemberResponse } from './dto/member.response';
import { RegisterMemberDto } from './dto/register-member.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { MembersService } from './members.service';

/**
 * `/members/me...` routes are declared before `/members/{id}...`: Express matches in order, and `me`
 * must never reach the UUID pipe of the ops routes.
 */
@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly points: PointsReader,
  ) {}

  @Post()
  @Roles('customer', 'ops')
  @ApiOperation({
    summary:
      "Registers a member. Roles: customer (itself: the member id is the token's subject), ops (a customer by `memberId`). Publishes registered and tier-changed (ORDINARY).",
  })
  @ApiCreatedResponse({ type: MemberResponse, description: 'The new member, ORDINARY with no points' })
  @ApiProblems(409)
  register(@Body() request: RegisterMemberDto, @CurrentPrincipal() principal: Principal): Promise<MemberResponse> {
    return this.members.register(principal, request);
  }

  @Get('me')
  @Roles('customer')
  @ApiOperation({ summary: "The caller's own profile, tier and balance. Role: customer." })
  @ApiOkResponse({ type: MemberResponse, description: 'The profile (personal fields are null once erased)' })
  @ApiProblems(404)
  me(@CurrentPrincipal() principal: Principal): Promise<MemberResponse> {
    return this.members.profile(principal.subject);
  }

  @Patch('me')
  @Roles('customer')
  @ApiOperation({ summary: 'Changes the fields sent (null clears phone, birthday or region). Role: customer.' })
  @ApiOkResponse({ type: MemberResponse, description: 'The updated profile' })
  @ApiProblems(404, 409)
  updateMe(@Body() request: UpdateMemberDto, @CurrentPrincipal() principal: Principal): Promise<MemberResponse> {
    return this.members.update(principal.subject, request);
  }

  @Get('me/points')
  @Roles('customer')
  @ApiOperation({ summary: "The caller's points: balance (the ledger's sum), held, tier multiplier. Role: customer." })
  @ApiOkResponse({ type: PointsBalanceResponse, description: 'The balance' })
  @ApiProblems(404)
  myPoints(@CurrentPrincipal() principal: Principal): Promise<PointsBalanceResponse> {
    return this.points.balance(principal.subject);
  }

  @Get('me/points/history')
  @Roles('customer')
  @ApiOperation({ summary: "The caller's ledger, newest first, cursor-paged. Role: customer." })
  @ApiOkResponse({ type: LedgerPageResponse, description: 'A page of ledger entries' })
  @ApiProblems(404)
  myHistory(@Query() query: LedgerPageQuery, @CurrentPrincipal() principal: Principal): Promise<LedgerPageResponse> {
    return this.points.history(principal.subject, query.cursor, query.limit);
  }

  @Get('me/export')
  @Roles('customer')
  @ApiOperation({
    summary:
      'Everything membership keeps about the caller, as JSON: profile, balance, ledger, holds, orders, birthday rewards. Role: customer.',
  })
  @ApiOkResponse({ type: MemberExportResponse, description: "The member's data" })
  @ApiProblems(404)
  export(@CurrentPrincipal() principal: Principal): Promise<MemberExportResponse> {
    return this.members.export(principal.subject);
  }

  @Post('me/erase')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({
    summary:
      "Erases the caller's personal data (anonymised; ids and ledger stay) and publishes erased. Idempotent. Role: customer.",
  })
  @ApiOkResponse({ type: ErasureResponse, description: 'When the data was erased' })
  @ApiProblems(404)
  eraseMe(@CurrentPrincipal() principal: Principal): Promise<ErasureResponse> {
    return this.members.erase(principal.subject);
  }

  @Get()
  @Roles('ops')
  @ApiOperation({
    summary: 'Finds a member by email (exact, case-insensitive); erased members are never found. Role: ops.',
  })
  @ApiOkResponse({ type: MemberResponse, description: 'The member' })
  @ApiProblems(404)
  findByEmail(@Query() query: FindMemberQuery): Promise<MemberResponse> {
    return this.members.findByEmail(query.email);
  }

  @Get(':id')
  @Roles('ops')
  @ApiOperation({ summary: 'A member. Role: ops.' })
  @ApiOkResponse({ type: MemberResponse, description: 'The member' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<MemberResponse> {
    return this.members.profile(id);
  }

  @Get(':id/contact')
  @Roles('service')
  @ApiOperation({
    summary:
      "How to reach a member (customer-service's notifications): personal data never travels in events. Role: service.",
  })
  @ApiOkResponse({ type: MemberContactResponse, description: 'Contact details; `erased` members have none' })
  contact(@Param('id', new ParseUUIDPipe()) id: string): Promise<MemberContactResponse> {
    return this.members.contact(id);
  }

  @Get(':id/points')
  @Roles('ops')
  @ApiOperation({ summary: "A member's points. Role: ops." })
  @ApiOkResponse({ type: PointsBalanceResponse, description: 'The balance' })
  memberPoints(@Param('id', new ParseUUIDPipe()) id: string): Promise<PointsBalanceResponse> {
    return this.points.balance(id);
  }

  @Get(':id/points/history')
  @Roles('ops')
  @ApiOperation({ summary: "A member's ledger, newest first, cursor-paged. Role: ops." })
  @ApiOkResponse({ type: LedgerPageResponse, description: 'A page of ledger entries' })
  history(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: LedgerPageQuery): Promise<LedgerPageResponse> {
    return this.points.history(id, query.cursor, query.limit);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary:
      "Erases a member's personal data on request (anonymised; ids and ledger stay) and publishes erased. Idempotent. Role: ops.",
  })
  @ApiOkResponse({ type: ErasureResponse, description: 'When the data was erased' })
  erase(@Param('id', new ParseUUIDPipe()) id: string): Promise<ErasureResponse> {
    return this.members.erase(id);
  }
}
