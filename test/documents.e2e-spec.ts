import { createHash, randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { Clock } from '../src/common/clock.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { DocumentRevision } from '../src/documents/document-revision.entity.js';
import { Document } from '../src/documents/document.entity.js';
import { EvidenceStore } from '../src/evidence/evidence-store.js';
import { bearer, login, type Session } from './support/auth.js';
import { pdf } from './support/files.js';
import { binaryBody } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

const MB = 1024 * 1024;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function pdfText(pdf: Buffer): Promise<{ flat: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { text, total } = await parser.getText();
    return { flat: text.replace(/\s+/g, ' '), pages: total };
  } finally {
    await parser.destroy();
  }
}

interface Revision {
  number: number;
  state: string;
  summary: string;
  sha256: string;
  mediaType: string;
  author: { id: string } | null;
  approvedBy: { id: string } | null;
  approvalStatement: string | null;
  effectiveFrom: string | null;
  obsolete: boolean;
  downloadUrl: string;
  distribution: { user: { id: string }; acknowledgedAt: string | null }[];
}
interface Detail {
  id: string;
  number: string;
  title: string;
  state: string;
  counts: boolean;
  nextReviewOn: string | null;
  reviewDue: boolean;
  reviewOverdue: boolean;
  effectiveRevision: { number: number; effectiveFrom: string } | null;
  rejection: { reason: string } | null;
  revisions: Revision[];
}

describeDb('documents: controlled documents, revisions and approval', () => {
  let t: TestApp;
  let officer: Session; // officer.dukcapil
  let head: Session; // head.dukcapil
  let setda: Session; // officer.setda
  let assessor: Session;
  let management: Session;
  const units: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ MUTU_UPLOAD_LIMIT_MB: '1' });
    [officer, head, setda, assessor, management] = await Promise.all(
      ['officer.dukcapil', 'head.dukcapil', 'officer.setda', 'assessor', 'management'].map((u) =>
        login(t.server, u),
      ),
    );
    const orgs = await request(t.server).get('/api/organisations').set(bearer(management));
    const list = await request(t.server)
      .get(`/api/organisations/${orgs.body[0].id}/units`)
      .set(bearer(management));
    for (const u of list.body as { id: string; code: string }[]) units[u.code] = u.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = () => request(t.server);
  const create = (session: Session, body: Record<string, unknown>, unit = units.DUKCAPIL) =>
    api().post(`/api/units/${unit}/documents`).set(bearer(session)).send(body);
  const addRevision = (session: Session, id: string, file: Buffer, summary = 'Rev baru') =>
    api()
      .post(`/api/documents/${id}/revisions`)
      .set(bearer(session))
      .field('summary', summary)
      .attach('file', file, { filename: 'sop.pdf', contentType: 'application/pdf' });
  const move = (session: Session, id: string, n: number, body: Record<string, unknown>) =>
    api().post(`/api/documents/${id}/revisions/${n}/transition`).set(bearer(session)).send(body);
  const counts = async () => ({
    documents: await t.db.getRepository(Document).count(),
    revisions: await t.db.getRepository(DocumentRevision).count(),
    audit: await t.db.getRepository(AuditEvent).count(),
  });
  const readiness = async (unit = units.DUKCAPIL) =>
    (await api().get(`/api/units/${unit}/readiness`).set(bearer(management)).expect(200)).body as {
      documentedInformation: { missing: string[] };
      blockers: { code: string; params: Record<string, unknown> }[];
    };

  /** The clauses named by the overdue-review blocker (the demo's own documents may be in it). */
  const overdueClauses = async (): Promise<string[]> => {
    const b = (await readiness()).blockers.find((x) => x.code === 'document_review_overdue');
    return (b?.params.clauses as string[] | undefined) ?? [];
  };

  let docId: string;

  it('registers a document numbered from the unit pattern, audited', async () => {
    const res = await create(officer, {
      title: 'SOP Uji Coba Penerbitan Dokumen',
      type: 'procedure',
      clauses: ['7.1.5.1'],
      reviewMonths: 12,
      owner: 'Kepala Bidang Pelayanan',
    }).expect(201);
    const body = res.body as Detail;
    docId = body.id;
    expect(body.number).toMatch(/^SOP\/DUKCAPIL\/\d{3}$/);
    expect(body).toMatchObject({ state: 'no_revision', counts: false, revisions: [] });
    const [event] = await t.db
      .getRepository(AuditEvent)
      .findBy({ action: 'document.create', entityId: docId });
    expect(event.changes?.number).toEqual({ before: null, after: body.number });
  });

  it('refuses a duplicate number with 409 naming it, writing nothing', async () => {
    const taken = (await api().get(`/api/documents/${docId}`).set(bearer(officer))).body as Detail;
    const before = await counts();
    const res = await create(officer, {
      number: taken.number,
      title: 'Lain',
      type: 'form',
      clauses: ['7.1.5.1'],
      reviewMonths: 12,
    }).expect(409);
    expect(res.body).toMatchObject({ code: 'document_number_taken' });
    expect(res.body.message).toContain(taken.number);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const res = await create(officer, {
      title: 'x'.repeat(301),
      type: 'poster',
      clauses: [],
      reviewMonths: 0,
    }).expect(400);
    const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['clauses', 'reviewMonths', 'title', 'type']);
    await create(officer, {
      title: null,
      type: 'form',
      clauses: ['7.1.5.1'],
      reviewMonths: 1,
    }).expect(400);
  });

  it('hides another unit’s documents (404) and refuses writers without the permission (403)', async () => {
    await api().get(`/api/documents/${docId}`).set(bearer(setda)).expect(404);
    await api().get(`/api/units/${units.DUKCAPIL}/documents`).set(bearer(setda)).expect(404);
    await api()
      .patch(`/api/documents/${docId}`)
      .set(bearer(setda))
      .send({ title: 'x' })
      .expect(404);
    await create(setda, { title: 'x', type: 'form', clauses: ['7.1.5.1'], reviewMonths: 1 }).expect(
      404,
    );
    await create(management, {
      title: 'x',
      type: 'form',
      clauses: ['7.1.5.1'],
      reviewMonths: 1,
    }).expect(403);
  });

  it('stores a revision file in the evidence store (hashed, type sniffed)', async () => {
    const bytes = pdf(20_000);
    const res = await addRevision(officer, docId, bytes, 'Terbitan pertama').expect(201);
    const [rev] = (res.body as Detail).revisions;
    expect(rev).toMatchObject({
      number: 1,
      state: 'draft',
      sha256: sha256(bytes),
      mediaType: 'application/pdf',
      author: { id: officer.user.id },
    });
    const store = new EvidenceStore(t.config.dataDir);
    expect(await store.sizeOf(sha256(bytes))).toBe(bytes.length);
    const file = await api()
      .get(rev.downloadUrl)
      .set(bearer(assessor))
      .responseType('blob')
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
  });

  it('refuses a file by type (415) and by size (413) as for evidence, storing nothing', async () => {
    const before = await counts();
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(3000)]);
    await addRevision(officer, docId, exe).expect(415);
    await addRevision(officer, docId, pdf(MB + 10)).expect(413);
    expect(await counts()).toEqual(before);
  });

  it('names the allowed next steps when a transition is not allowed now (409)', async () => {
    const res = await move(head, docId, 1, { to: 'effective' }).expect(409);
    expect(res.body).toMatchObject({
      code: 'document_transition_not_allowed',
      details: { allowed: ['in_review', 'withdrawn'] },
    });
  });

  it('walks draft → in review → approved → effective; the author cannot approve', async () => {
    expect((await readiness()).documentedInformation.missing).toContain('7.1.5.1');
    await move(officer, docId, 1, { to: 'in_review' }).expect(200);
    // The officer lacks the approver's power.
    const role = await move(officer, docId, 1, { to: 'approved' }).expect(403);
    expect(role.body.code).toBe('document_transition_role');
    const approved = await move(head, docId, 1, {
      to: 'approved',
      note: 'Sesuai Permendagri 108/2019',
    }).expect(200);
    expect((approved.body as Detail).revisions[0]).toMatchObject({
      state: 'approved',
      approvedBy: { id: head.user.id },
      approvalStatement: 'Sesuai Permendagri 108/2019',
    });
    const effective = await move(head, docId, 1, { to: 'effective' }).expect(200);
    const body = effective.body as Detail;
    const today = todayInZone(new Date());
    expect(body).toMatchObject({
      state: 'effective',
      counts: true,
      effectiveRevision: { number: 1, effectiveFrom: today },
    });
    expect(body.nextReviewOn).toBe(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    const actions = await t.db
      .getRepository(AuditEvent)
      .findBy({ action: 'document.revision_transition', entityId: docId });
    expect(actions.map((a) => a.changes?.state?.after)).toEqual([
      'in_review',
      'approved',
      'effective',
    ]);
  });

  it('refuses approving one’s own revision with 403 and the reason', async () => {
    await addRevision(head, docId, pdf(3000), 'Disusun kepala dinas').expect(201);
    await move(head, docId, 2, { to: 'in_review' }).expect(200);
    const res = await move(head, docId, 2, { to: 'approved' }).expect(403);
    expect(res.body.code).toBe('document_own_revision');
    expect(res.body.message).toMatch(/someone else|orang lain/);
    await move(head, docId, 2, { to: 'draft', note: 'ditarik' }).expect(200);
    await move(head, docId, 2, { to: 'withdrawn' }).expect(200);
  });

  it('refuses editing a revision past draft: make a new revision', async () => {
    const res = await api()
      .patch(`/api/documents/${docId}/revisions/1`)
      .set(bearer(officer))
      .send({ summary: 'diubah diam-diam' })
      .expect(409);
    expect(res.body.code).toBe('document_revision_locked');
  });

  it('counts an effective document as documented information for its clauses', async () => {
    expect((await readiness()).documentedInformation.missing).not.toContain('7.1.5.1');
  });

  it('lets an assessor reject it with a reason; it stops counting', async () => {
    await api()
      .post(`/api/documents/${docId}/judgement`)
      .set(bearer(assessor))
      .send({ decision: 'rejected' })
      .expect(400);
    const res = await api()
      .post(`/api/documents/${docId}/judgement`)
      .set(bearer(assessor))
      .send({ decision: 'rejected', reason: 'Belum memuat alur pengaduan' })
      .expect(200);
    expect(res.body).toMatchObject({
      counts: false,
      rejection: { reason: 'Belum memuat alur pengaduan' },
    });
    expect((await readiness()).documentedInformation.missing).toContain('7.1.5.1');
    await api()
      .post(`/api/documents/${docId}/judgement`)
      .set(bearer(assessor))
      .send({ decision: 'accepted' })
      .expect(200);
    expect((await readiness()).documentedInformation.missing).not.toContain('7.1.5.1');
  });

  it('of two revisions made effective at once, exactly one ends effective', async () => {
    for (const n of [3, 4]) {
      await addRevision(officer, docId, pdf(3000), `Rev ${n}`).expect(201);
      await move(officer, docId, n, { to: 'in_review' }).expect(200);
      await move(head, docId, n, { to: 'approved' }).expect(200);
    }
    const results = await Promise.all([
      move(head, docId, 3, { to: 'effective' }),
      move(head, docId, 4, { to: 'effective' }),
    ]);
    for (const r of results) expect([200, 409]).toContain(r.status);
    const rows = await t.db.getRepository(DocumentRevision).findBy({ documentId: docId });
    const effective = rows.filter((r) => r.state === 'effective');
    expect(effective.map((r) => r.number)).toEqual([4]);
    const state = new Map(rows.map((r) => [r.number, r.state]));
    expect(state.get(1)).toBe('superseded');
    const detail = (await api().get(`/api/documents/${docId}`).set(bearer(officer))).body as Detail;
    expect(detail.revisions.find((r) => r.number === 1)).toMatchObject({ obsolete: true });
  });

  it('distributes a revision and records who has read it', async () => {
    await api()
      .post(`/api/documents/${docId}/revisions/4/distribution`)
      .set(bearer(officer))
      .send({ userIds: [head.user.id, setda.user.id] })
      .expect(200);
    await api()
      .post(`/api/documents/${docId}/revisions/4/distribution`)
      .set(bearer(officer))
      .send({ userIds: [randomUUID()] })
      .expect(400);
    const res = await api()
      .post(`/api/documents/${docId}/revisions/4/acknowledge`)
      .set(bearer(head))
      .expect(200);
    const rev = (res.body as Detail).revisions.find((r) => r.number === 4)!;
    const read = new Map(rev.distribution.map((d) => [d.user.id, d.acknowledgedAt !== null]));
    expect(Object.fromEntries(read)).toEqual({ [head.user.id]: true, [setda.user.id]: false });
    await api()
      .post(`/api/documents/${docId}/revisions/4/acknowledge`)
      .set(bearer(officer))
      .expect(422);
  });

  it('flags an overdue review and blocks readiness past the grace period', async () => {
    const clock = t.app.get(Clock);
    const real = clock.now.bind(clock);
    try {
      const detail = (await api().get(`/api/documents/${docId}`).set(bearer(officer)))
        .body as Detail;
      const due = detail.nextReviewOn!;
      clock.now = () => new Date(`${addDays(due, 5)}T04:00:00Z`);
      const late = (await api().get(`/api/documents/${docId}`).set(bearer(officer))).body as Detail;
      expect(late).toMatchObject({ reviewDue: true, reviewOverdue: false, counts: true });
      clock.now = () => new Date(`${addDays(due, 31)}T04:00:00Z`);
      const overdue = (await api().get(`/api/documents/${docId}`).set(bearer(officer)))
        .body as Detail;
      expect(overdue).toMatchObject({ reviewOverdue: true, counts: false });
      expect(await overdueClauses()).toContain('7.1.5.1');
      // The head confirms the revision in a periodic review: in date again.
      await api()
        .post(`/api/documents/${docId}/review`)
        .set(bearer(head))
        .send({ note: 'Masih sesuai' })
        .expect(200);
      expect(await overdueClauses()).not.toContain('7.1.5.1');
    } finally {
      clock.now = real;
    }
  });

  it('prints the master list as CSV, XLSX and PDF; obsolete revisions stamped TIDAK BERLAKU', async () => {
    const detail = (await api().get(`/api/documents/${docId}`).set(bearer(officer))).body as Detail;
    const csv = await api()
      .get(`/api/units/${units.DUKCAPIL}/document-register.csv`)
      .set(bearer(management))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFNo.;Nomor;Dokumen;Jenis')).toBe(true);
    const line = text.split('\r\n').find((l) => l.includes(detail.number))!;
    expect(line).toContain('Berlaku');
    expect(line).toContain('Kepala Bidang Pelayanan');

    const xlsx = await api()
      .get(`/api/units/${units.DUKCAPIL}/document-register.xlsx?lang=en`)
      .set(bearer(assessor))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]).toContain('Effective revision');
    expect(rows.some((r) => r.includes(detail.number) && r.includes('Effective'))).toBe(true);

    const pdf = await api()
      .get(`/api/units/${units.DUKCAPIL}/document-register.pdf`)
      .set(bearer(officer))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = await pdfText(pdf.body as Buffer);
    expect(read.flat).toContain('Daftar Induk Dokumen');
    expect(read.flat).toContain(detail.number);
    expect(read.flat).toContain('TIDAK BERLAKU');
    expect(read.flat).toContain(`Halaman 1 dari ${read.pages}`);

    await api()
      .get(`/api/units/${units.DUKCAPIL}/document-register.pdf`)
      .set(bearer(setda))
      .expect(404);
  });

  it('shows the master list, a document and a watermarked preview as pages, both languages', async () => {
    const page = (session: Session, path: string) =>
      api().get(path).set('Cookie', session.cookie).expect(200);
    const list = await page(officer, `/units/${units.DUKCAPIL}/documents`);
    expect(list.text).toContain('Daftar Induk Dokumen');
    expect(list.text).toContain('SOP Penerbitan KTP-el (demo)');
    const en = await page(management, `/units/${units.DUKCAPIL}/documents?lang=en`);
    expect(en.text).toContain('Master List of Documents');
    expect(en.text).not.toContain('Register a document');
    const doc = await page(head, `/documents/${docId}`);
    expect(doc.text).toContain('data-testid="revision-1"');
    expect(doc.text).toContain('TIDAK BERLAKU');
    const preview = await page(assessor, `/documents/${docId}/revisions/1/preview`);
    expect(preview.text).toContain('data-testid="watermark"');
    const current = await page(assessor, `/documents/${docId}/revisions/4/preview`);
    expect(current.text).not.toContain('data-testid="watermark"');
    await api().get(`/documents/${docId}`).set('Cookie', setda.cookie).expect(404);
  });
});
