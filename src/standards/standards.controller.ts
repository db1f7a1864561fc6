import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator.js';
import { CodeParam } from '../common/params.js';
import type { ClauseNode } from './clause-tree.js';
import { StandardsService, type StandardSummary } from './standards.service.js';
import { ClauseNodeResponse, StandardSummaryResponse } from '../openapi/reports.responses.js';

@ApiTags('standards')
@Controller('api/standards')
@Access('standards.read')
export class StandardsController {
  constructor(private readonly standards: StandardsService) {}

  @Get()
  @ApiOperation({ summary: 'Standard catalogues: [{code, title: {id, en}, edition, clauseCount}]' })
  @ApiOkResponse({ type: [StandardSummaryResponse] })
  list(): Promise<StandardSummary[]> {
    return this.standards.list();
  }

  @Get(':code/clauses')
  @ApiOperation({
    summary: 'The clause tree of a standard, with documented-information flags and guidance',
  })
  @ApiOkResponse({
    type: [ClauseNodeResponse],
    description:
      '[{number, title: {id, en}, documentedInformation, guidance, expectedEvidence, leaf, children}]',
  })
  clauses(@CodeParam('code') code: string): Promise<ClauseNode[]> {
    return this.standards.clauseTree(code);
  }
}
