import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { MailboxQuery } from './dto/mailbox.query';
import { MailboxResponse } from './dto/mailbox.response';
import { UpdatePreferencesDto } from './dto/preferences.dto';
import { PreferencesResponse } from './dto/preferences.response';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('dev-mailbox')
  @Roles('ops')
  @ApiOperation({ summary: 'What the development mailbox holds (the channel without SMTP_URL), newest first.' })
  @ApiOkResponse({ type: MailboxResponse, description: 'The messages' })
  @ApiProblems(400)
  async mailbox(@Query() query: MailboxQuery): Promise<MailboxResponse> {
    return { items: await this.notifications.mailbox(query) };
  }

  @Get('notification-preferences/me')
  @Roles('customer')
  @ApiOperation({ summary: 'The categories the calling member opted out of.' })
  @ApiOkResponse({ type: PreferencesResponse, description: 'The preferences' })
  async preferences(@CurrentPrincipal() principal: Principal): Promise<PreferencesResponse> {
    return { memberId: principal.subject, optedOut: await this.notifications.optedOut(principal.subject) };
  }

  @Put('notification-preferences/me')
  @Roles('customer')
  @ApiOperation({
    summary: 'Replaces the categories the calling member opted out of; later notifications of them are not sent.',
  })
  @ApiOkResponse({ type: PreferencesResponse, description: 'The preferences now' })
  @ApiProblems(400)
  async update(
    @Body() request: UpdatePreferencesDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PreferencesResponse> {
    return {
      memberId: principal.subject,
      optedOut: await this.notifications.setOptOuts(principal.subject, request.optedOut),
    };
  }
}
