import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { setDocumentReviewGraceDays } from './review-grace.js';

/** Controlled documents (ISO 9001 7.5): files through the evidence store, one store. */
@Module({
  imports: [EvidenceModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule implements OnModuleInit {
  constructor(@Inject(MUTU_CONFIG) private readonly config: MutuConfig) {}

  onModuleInit(): void {
    setDocumentReviewGraceDays(this.config.documentReviewGraceDays);
  }
}
