import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { TICKET_KINDS, TICKET_PRIORITIES, TicketKind, TicketPriority } from '@emporium/contracts';
import { ApiProblems, CurrentPrincipal, InvalidInputException, Principal, Roles } from '@emporium/platform';
import { FaqService } from '../faq/faq.service';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { OpenTicketDto } from './dto/open-ticket.dto';
import { SlaPolicyDto } from './dto/sla-policy.dto';
import { AssignTicketDto, MessageDto, PrioritiseTicketDto } from './dto/ticket-actions.dto';
import { SlaPolicyResponse, TicketPageResponse, TicketResponse } from './dto/ticket.response';
import { SlaPolicies } from './sla-policies.service';
import { TicketConversation } from './ticket-conversation.service';
import { TicketOpening } from './ticket-opening.service';
import { TicketQueries } from './ticket-queries.service';
import { TicketWorkflow } from './ticket-workflow.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller()
export class TicketsController {
  constructor(
    private readonly opening: TicketOpening,
    private readonly workflow: TicketWorkflow,
    private readonly conversation: TicketConversation,
    private readonly queries: TicketQueries,
    private readonly sla: SlaPolicies,
    private readonly faq: FaqService,
  ) {}

  @Post('tickets')
  @Roles('customer')
  @ApiOperation({
    summary:
      'Opens a ticket (about the caller\u2019s own order, or a PRE_SALES question, which answers with FAQ suggestions): publishes customer-service.ticket.opened.',
  })
  @ApiCreatedResponse({ type: TicketResponse, description: 'The OPEN ticket with its SLA due times' })
  @ApiProblems(400, 404, 422)
  open(@Body() request: OpenTicketDto, @CurrentPrincipal() principal: Principal) {
    return this.opening.open(request, principal, (manager, text) => this.faq.suggest(text, manager));
  }

  @Get('tickets')
  @Roles('ops', 'service', 'customer')
  @ApiOperation({ summary: 'Tickets, newest first, keyset-paged. ops and service see all; a customer its own.' })
  @ApiOkResponse({ type: TicketPageResponse, description: '`items` and `nextCursor`' })
  @ApiProblems(400)
  list(@Query() query: ListTicketsQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(query, principal);
  }

  @Get('tickets/:id')
  @Roles('ops', 'service', 'customer')
  @ApiOperation({
    summary:
      'One ticket with its messages (a customer: its own, without internal notes). Others\u2019 tickets are 404.',
  })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket' })
  @ApiProblems(400, 404)
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(id, principal);
  }

  @Post('tickets/:id/replies')
  @HttpCode(200)
  @Roles('ops', 'customer')
  @ApiOperation({
    summary:
      'A reply. An agent\u2019s is the first response and waits on the customer (resolution clock paused); the customer\u2019s (own tickets only) resumes it. From OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER.',
  })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket' })
  @ApiProblems(400, 404, 409)
  reply(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: MessageDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.conversation.reply(id, request.body, principal);
  }

  @Post('tickets/:id/notes')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'An internal note for agents; never shown to the customer, no SLA effect.' })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket' })
  @ApiProblems(400, 404, 409)
  note(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: MessageDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.conversation.note(id, request.body, principal);
  }

  @Post('tickets/:id/assign')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Assigns the ticket to an agent (OPEN becomes IN_PROGRESS).' })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket' })
  @ApiProblems(400, 404, 409)
  assign(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: AssignTicketDto) {
    return this.workflow.assign(id, request.assigneeId);
  }

  @Post('tickets/:id/priority')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Changes the priority; the SLA due times are recomputed from when the ticket was opened.' })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket' })
  @ApiProblems(400, 404, 409)
  prioritise(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: PrioritiseTicketDto) {
    return this.workflow.prioritise(id, request.priority);
  }

  @Post('tickets/:id/resolve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Resolves a live ticket: publishes customer-service.ticket.resolved.' })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket, RESOLVED' })
  @ApiProblems(400, 404, 409)
  resolve(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.workflow.resolve(id);
  }

  @Post('tickets/:id/close')
  @HttpCode(200)
  @Roles('ops', 'customer')
  @ApiOperation({ summary: 'Closes a RESOLVED ticket for good (a customer: its own).' })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket, CLOSED' })
  @ApiProblems(400, 404, 409)
  close(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.workflow.close(id, principal);
  }

  @Post('tickets/:id/reopen')
  @HttpCode(200)
  @Roles('ops', 'customer')
  @ApiOperation({ summary: 'Reopens a RESOLVED ticket (a customer: its own) with a new resolution target.' })
  @ApiOkResponse({ type: TicketResponse, description: 'The ticket, OPEN' })
  @ApiProblems(400, 404, 409)
  reopen(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.workflow.reopen(id, principal);
  }

  @Get('sla-policies')
  @Roles('ops')
  @ApiOperation({ summary: 'The SLA targets per ticket kind and priority, in business minutes.' })
  @ApiOkResponse({ type: [SlaPolicyResponse], description: 'Every kind and priority' })
  policies() {
    return this.sla.list();
  }

  @Put('sla-policies/:kind/:priority')
  @Roles('ops')
  @ApiParam({ name: 'kind', enum: TICKET_KINDS })
  @ApiParam({ name: 'priority', enum: TICKET_PRIORITIES })
  @ApiOperation({ summary: 'Sets the SLA targets of one kind and priority, for tickets opened from now on.' })
  @ApiOkResponse({ type: SlaPolicyResponse, description: 'The policy' })
  @ApiProblems(400)
  setPolicy(@Param('kind') kind: string, @Param('priority') priority: string, @Body() request: SlaPolicyDto) {
    const errors = [];
    if (!(TICKET_KINDS as readonly string[]).includes(kind))
      errors.push({ field: 'kind', message: `kind must be one of ${TICKET_KINDS.join(', ')}` });
    if (!(TICKET_PRIORITIES as readonly string[]).includes(priority))
      errors.push({ field: 'priority', message: `priority must be one of ${TICKET_PRIORITIES.join(', ')}` });
    if (errors.length) throw new InvalidInputException(errors);
    return this.sla.set(
      kind as TicketKind,
      priority as TicketPriority,
      request.firstResponseMinutes,
      request.resolutionMinutes,
    );
  }
}
