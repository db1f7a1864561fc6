import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { parse } from 'yaml';
import type { User } from '../auth/user.entity.js';
import { addDays, todayInZone } from '../common/dates.js';
import type { EvidenceStore } from '../evidence/evidence-store.js';
import { sniffMediaType } from '../evidence/media-type.js';
import type { Unit } from '../organisations/unit.entity.js';
import type { Clause } from '../standards/clause.entity.js';
import { DocumentRevision } from './document-revision.entity.js';
import {
  CONFIDENTIALITY,
  DOCUMENT_TYPES,
  REVISION_STATES,
  type Confidentiality,
  type DocumentType,
  type RevisionState,
} from './document-types.js';
import { Document } from './document.entity.js';

interface DemoRevision {
  file: string;
  summary: string;
  state: RevisionState;
  effectiveDaysAgo?: number;
}
interface DemoDocument {
  unit: string;
  number: string;
  title: string;
  type: DocumentType;
  owner?: string;
  clauses: string[];
  reviewMonths: number;
  confidentiality?: Confidentiality;
  organisationWide?: boolean;
  revisions: DemoRevision[];
}

const DAY_MS = 86_400_000;

function check(d: DemoDocument, where: string): void {
  const fail = (what: string) => {
    throw new Error(`seeds/demo/documents/documents.yaml: ${where}: ${what}`);
  };
  if (!d.title?.includes('(demo)')) fail('title must be marked "(demo)"');
  if (!DOCUMENT_TYPES.includes(d.type)) fail(`unknown type ${String(d.type)}`);
  if (d.confidentiality && !CONFIDENTIALITY.includes(d.confidentiality))
    fail(`unknown confidentiality ${d.confidentiality}`);
  if (!Array.isArray(d.revisions) || d.revisions.length === 0) fail('no revisions');
  for (const r of d.revisions)
    if (!REVISION_STATES.includes(r.state)) fail(`unknown revision state ${String(r.state)}`);
  if (d.revisions.filter((r) => r.state === 'effective').length > 1)
    fail('more than one effective revision');
}

/**
 * The demo's controlled documents (seeds/demo/documents/documents.yaml), each revision's file put in the
 * evidence store, authored by the unit's officer and approved by its head. Runs inside the demo
 * load's transaction, which happens only on an empty database: loading twice adds nothing.
 */
export async function loadDemoDocuments(
  m: EntityManager,
  demoDir: string,
  store: EvidenceStore,
  unitOf: (code: string, where: string) => Unit,
  leafOf: (number: string, where: string) => Clause,
  users: readonly User[],
): Promise<number> {
  let text: string;
  try {
    text = readFileSync(join(demoDir, 'documents', 'documents.yaml'), 'utf8');
  } catch {
    return 0;
  }
  const { documents = [] } = (parse(text) ?? {}) as { documents?: DemoDocument[] };
  const now = new Date();
  const today = todayInZone(now);
  for (const d of documents) {
    const where = `document ${d.number}`;
    check(d, where);
    const unit = unitOf(d.unit, where);
    const ofRole = (role: User['role']) =>
      users.find((u) => u.role === role && u.units?.some((x) => x.id === unit.id)) ?? null;
    const officer = ofRole('quality_officer');
    const head = ofRole('unit_head');
    const doc = await m.getRepository(Document).save(
      m.getRepository(Document).create({
        unitId: unit.id,
        number: d.number,
        title: d.title,
        type: d.type,
        owner: d.owner ?? null,
        reviewMonths: d.reviewMonths,
        confidentiality: d.confidentiality ?? 'internal',
        organisationWide: d.organisationWide ?? false,
        lastReviewedOn: null,
        rejectedReason: null,
        rejectedById: null,
        rejectedAt: null,
        clauses: d.clauses.map((n) => leafOf(n, where)),
        createdById: officer?.id ?? null,
      }),
    );
    for (const [i, r] of d.revisions.entries()) {
      const bytes = readFileSync(join(demoDir, 'documents', r.file));
      const mediaType = await sniffMediaType(bytes.subarray(0, 4096));
      if (!mediaType) throw new Error(`seeds/demo/documents/${r.file}: not an allowed file type`);
      const { sha256, size } = await store.putBuffer(bytes);
      const approved = ['approved', 'effective', 'superseded'].includes(r.state);
      const from = r.effectiveDaysAgo !== undefined ? addDays(today, -r.effectiveDaysAgo) : null;
      await m.getRepository(DocumentRevision).insert({
        documentId: doc.id,
        number: i + 1,
        summary: r.summary,
        state: r.state,
        sha256,
        size,
        mediaType,
        originalName: r.file,
        authorId: officer?.id ?? null,
        submittedAt: r.state === 'draft' ? null : now,
        approvedById: approved ? (head?.id ?? null) : null,
        approvedAt: approved ? now : null,
        approvalStatement: approved ? 'Disetujui untuk diberlakukan (demo)' : null,
        effectiveFrom: r.state === 'effective' || r.state === 'superseded' ? from : null,
        endedAt:
          r.state === 'superseded' || r.state === 'withdrawn'
            ? new Date(now.getTime() - DAY_MS)
            : null,
      });
    }
  }
  return documents.length;
}
