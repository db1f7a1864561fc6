import { Module } from '@nestjs/common';
import { SatisfactionController } from './satisfaction.controller.js';
import { SatisfactionService } from './satisfaction.service.js';

@Module({
  controllers: [SatisfactionController],
  providers: [SatisfactionService],
  exports: [SatisfactionService],
})
export class SatisfactionModule {}
