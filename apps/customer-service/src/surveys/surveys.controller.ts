import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { AnswerSurveyDto } from './dto/answer-survey.dto';
import { CsatQuery } from './dto/csat.query';
import { CsatResponse, SurveyResponse } from './dto/survey.response';
import { SurveysService } from './surveys.service';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get('surveys/me')
  @Roles('customer')
  @ApiOperation({ summary: 'The caller\u2019s satisfaction surveys, newest first (answered or not).' })
  @ApiOkResponse({ type: [SurveyResponse], description: 'Up to 100 surveys' })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.surveys.mine(principal);
  }

  @Post('surveys/:id/answer')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'Answers one of the caller\u2019s own surveys, once.' })
  @ApiOkResponse({ type: SurveyResponse, description: 'The answered survey' })
  @ApiProblems(400, 404, 409)
  answer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: AnswerSurveyDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.surveys.answer(id, request.score, request.comment, principal);
  }

  @Get('csat')
  @Roles('ops')
  @ApiOperation({
    summary:
      'CSAT (share of 4 and 5 out of 5) per merchant (delivery surveys) and per agent (ticket surveys), over answers in [from, to).',
  })
  @ApiOkResponse({ type: CsatResponse, description: 'CSAT per merchant and agent' })
  @ApiProblems(400)
  csat(@Query() query: CsatQuery) {
    return this.surveys.csat(query.from, query.to);
  }
}
