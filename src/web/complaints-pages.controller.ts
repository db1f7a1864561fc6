import { Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { CurrentUser, type Principal } from '../auth/principal.js';
import { IdParam } from '../common/params.js';
import { ComplaintsPage } from './complaints-page.js';
import type { WebRequest } from './web-frame.js';

/** The unit's citizen complaints: metrics, trend and the log import with mapping confirmation. */
@ApiExcludeController()
@Controller()
export class ComplaintsPagesController {
  constructor(private readonly page: ComplaintsPage) {}

  @Get('units/:id/complaints')
  @Access('units.read')
  @Header('Content-Type', 'text/html; charset=utf-8')
  show(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
  ): Promise<string> {
    return this.page.show(me, id, req);
  }

  @Post('units/:id/complaints/import')
  @Access('complaints.import')
  submit(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    return this.page.submit(me, id, req, res);
  }
}
