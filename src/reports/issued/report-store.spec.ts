import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EvidenceStore } from '../../evidence/evidence-store.js';
import { ReportStore } from './report-store.js';

describe('ReportStore', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'mutu-reports-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps issued PDFs flat in DATA_DIR/reports as <sha256>.pdf, written through tmp/', async () => {
    const store = new ReportStore(dataDir);
    const bytes = Buffer.from('%PDF-1.4\n% a report\n');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const pending = await store.putStream(Readable.from([bytes]));
    expect(readdirSync(store.tmpDir)).toHaveLength(1);
    expect(await store.commit(pending)).toEqual({
      sha256: sha,
      size: bytes.length,
      deduplicated: false,
    });
    expect(store.pathOf(sha)).toBe(join(dataDir, 'reports', `${sha}.pdf`));
    expect(readFileSync(join(dataDir, 'reports', `${sha}.pdf`))).toEqual(bytes);
    expect(readdirSync(store.tmpDir)).toEqual([]);
    expect(await store.sizeOf(sha)).toBe(bytes.length);
  });

  it('sweeps what a crash left in its tmp/ over an hour ago, not a report being written', async () => {
    const store = new ReportStore(dataDir);
    mkdirSync(store.tmpDir, { recursive: true });
    const hoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    writeFileSync(join(store.tmpDir, 'crashed.part'), '%PDF-1.4');
    utimesSync(join(store.tmpDir, 'crashed.part'), hoursAgo, hoursAgo);
    writeFileSync(join(store.tmpDir, 'rendering.part'), '%PDF-1.4');
    expect(await store.sweepTemporary()).toBe(1);
    expect(readdirSync(store.tmpDir)).toEqual(['rendering.part']);
    expect(store.tmpDir).toBe(join(dataDir, 'reports', 'tmp'));
  });

  it('leaves the evidence store where it was', async () => {
    const evidence = new EvidenceStore(dataDir);
    const { sha256 } = await evidence.putBuffer(Buffer.from('bukti'));
    expect(
      existsSync(join(dataDir, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256)),
    ).toBe(true);
    expect(evidence.pathOf(sha256)).not.toMatch(/\.pdf$/);
  });
});
