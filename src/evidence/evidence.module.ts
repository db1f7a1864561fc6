import { Module } from '@nestjs/common';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { EvidenceStore } from './evidence-store.js';
import { EvidenceViews } from './evidence-views.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceService } from './evidence.service.js';

/** Evidence items, their file versions in the content-addressed store, and their review. */
@Module({
  controllers: [EvidenceController],
  providers: [
    EvidenceService,
    EvidenceViews,
    {
      provide: EvidenceStore,
      inject: [MUTU_CONFIG],
      useFactory: (config: MutuConfig) => new EvidenceStore(config.dataDir),
    },
  ],
  exports: [EvidenceService, EvidenceStore],
})
export class EvidenceModule {}
