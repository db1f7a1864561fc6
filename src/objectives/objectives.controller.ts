import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { CodeParam, IdParam } from '../common/params.js';
import { WithdrawalDto } from '../common/withdrawal.dto.js';
import { MeasurementResponse, ObjectiveResponse } from '../openapi/objectives.responses.js';
import type { MeasurementView, ObjectiveView } from './objective-views.js';
import {
  CorrectMeasurementDto,
  CreateObjectiveDto,
  RecordMeasurementDto,
  UpdateObjectiveDto,
} from './objectives.dto.js';
import { ObjectivesService } from './objectives.service.js';

@ApiTags('objectives')
@Controller('api')
export class ObjectivesController {
  constructor(private readonly objectives: ObjectivesService) {}

  @Get('units/:id/objectives')
  @Access('units.read')
  @ApiOperation({ summary: "The unit's quality objectives (6.2), each on or off track" })
  @ApiOkResponse({ type: [ObjectiveResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<ObjectiveView[]> {
    return this.objectives.list(me, id);
  }

  @Post('units/:id/objectives')
  @HttpCode(201)
  @Access('objectives.manage')
  @ApiOperation({ summary: 'Add a quality objective with its indicator, target and frequency' })
  @ApiCreatedResponse({ type: ObjectiveResponse })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateObjectiveDto,
  ): Promise<ObjectiveView> {
    return this.objectives.create(me, id, dto);
  }

  @Get('objectives/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One objective with its state today' })
  @ApiOkResponse({ type: ObjectiveResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<ObjectiveView> {
    return this.objectives.get(me, id);
  }

  @Patch('objectives/:id')
  @Access('objectives.manage')
  @ApiOperation({ summary: 'Change an objective (not its frequency)' })
  @ApiOkResponse({ type: ObjectiveResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateObjectiveDto,
  ): Promise<ObjectiveView> {
    return this.objectives.update(me, id, dto);
  }

  @Post('objectives/:id/withdraw')
  @HttpCode(200)
  @Access('objectives.manage')
  @ApiOperation({ summary: 'Withdraw an objective with the reason (kept with its measurements)' })
  @ApiOkResponse({ type: ObjectiveResponse })
  withdraw(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: WithdrawalDto,
  ): Promise<ObjectiveView> {
    return this.objectives.withdraw(me, id, dto);
  }

  @Get('objectives/:id/measurements')
  @Access('units.read')
  @ApiOperation({ summary: 'The measurements of an objective, oldest period first (9.1)' })
  @ApiOkResponse({ type: [MeasurementResponse] })
  measurements(@CurrentUser() me: Principal, @IdParam() id: string): Promise<MeasurementView[]> {
    return this.objectives.measurements(me, id);
  }

  @Post('objectives/:id/measurements')
  @HttpCode(201)
  @Access('objectives.manage')
  @ApiOperation({
    summary:
      'Record the measurement of a period; a period that has one is a 409 naming the correction route (PUT)',
  })
  @ApiCreatedResponse({ type: MeasurementResponse })
  record(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: RecordMeasurementDto,
  ): Promise<MeasurementView> {
    return this.objectives.record(me, id, dto);
  }

  @Put('objectives/:id/measurements/:period')
  @Access('objectives.manage')
  @ApiOperation({ summary: 'Correct the measurement of a period' })
  @ApiOkResponse({ type: MeasurementResponse })
  correct(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @CodeParam('period') period: string,
    @Body() dto: CorrectMeasurementDto,
  ): Promise<MeasurementView> {
    return this.objectives.correct(me, id, period, dto);
  }
}
