import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { WithdrawalDto } from '../common/withdrawal.dto.js';
import {
  RiskHeatMapResponse,
  RiskMatrixResponse,
  RiskResponse,
} from '../openapi/risks.responses.js';
import type { RiskHeatMapView, RiskMatrixView, RiskView } from './risk-views.js';
import { CreateRiskDto, RiskMatrixDto, UpdateRiskDto } from './risks.dto.js';
import { RisksService } from './risks.service.js';

@ApiTags('risks')
@Controller('api')
export class RisksController {
  constructor(private readonly risks: RisksService) {}

  @Get('units/:id/risks')
  @Access('units.read')
  @ApiOperation({ summary: "The unit's risk register (6.1): open risks and opportunities by code" })
  @ApiOkResponse({ type: [RiskResponse] })
  list(@CurrentUser() me: Principal, @IdParam() id: string): Promise<RiskView[]> {
    return this.risks.list(me, id);
  }

  @Post('units/:id/risks')
  @HttpCode(201)
  @Access('risks.manage')
  @ApiOperation({
    summary:
      'Add a risk or opportunity; its level is read from likelihood × impact on the organisation’s matrix',
  })
  @ApiCreatedResponse({ type: RiskResponse })
  create(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: CreateRiskDto,
  ): Promise<RiskView> {
    return this.risks.create(me, id, dto);
  }

  @Get('units/:id/risk-heatmap')
  @Access('units.read')
  @ApiOperation({ summary: 'Open entries per cell of the risk matrix (likelihood × impact)' })
  @ApiOkResponse({ type: RiskHeatMapResponse })
  heatMap(@CurrentUser() me: Principal, @IdParam() id: string): Promise<RiskHeatMapView> {
    return this.risks.heatMap(me, id);
  }

  @Get('risks/:id')
  @Access('units.read')
  @ApiOperation({ summary: 'One entry of a risk register' })
  @ApiOkResponse({ type: RiskResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<RiskView> {
    return this.risks.get(me, id);
  }

  @Patch('risks/:id')
  @Access('risks.manage')
  @ApiOperation({ summary: 'Change an entry (rating, treatment, residual rating, review day)' })
  @ApiOkResponse({ type: RiskResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateRiskDto,
  ): Promise<RiskView> {
    return this.risks.update(me, id, dto);
  }

  @Post('risks/:id/withdraw')
  @HttpCode(200)
  @Access('risks.manage')
  @ApiOperation({
    summary: 'Withdraw an entry from the register with the reason (kept in the audit trail)',
  })
  @ApiOkResponse({ type: RiskResponse })
  withdraw(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: WithdrawalDto,
  ): Promise<RiskView> {
    return this.risks.withdraw(me, id, dto);
  }

  @Get('organisations/:id/risk-matrix')
  @Access('organisations.read')
  @ApiOperation({
    summary: 'The organisation’s risk matrix (the default 5 × 5 unless it set its own)',
  })
  @ApiOkResponse({ type: RiskMatrixResponse })
  getMatrix(@CurrentUser() me: Principal, @IdParam() id: string): Promise<RiskMatrixView> {
    return this.risks.getMatrix(me, id);
  }

  @Put('organisations/:id/risk-matrix')
  @Access('units.manage')
  @ApiOperation({
    summary: 'Set the organisation’s own risk matrix; every open entry of its units is re-rated',
  })
  @ApiOkResponse({ type: RiskMatrixResponse })
  setMatrix(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: RiskMatrixDto,
  ): Promise<RiskMatrixView> {
    return this.risks.setMatrix(me, id, dto);
  }
}
