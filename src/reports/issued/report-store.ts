import { join } from 'node:path';
import { ContentStore } from '../../evidence/evidence-store.js';

/**
 * Issued reports on disk: DATA_DIR/reports/<sha256>.pdf, written the way evidence files are
 * (temporary file, fsync, rename, directory fsync) and never changed afterwards.
 */
export class ReportStore extends ContentStore {
  constructor(dataDir: string) {
    super(join(dataDir, 'reports'), { layout: 'flat', extension: '.pdf' });
  }
}
