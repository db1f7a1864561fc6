import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { AuditEvent } from '../src/audit-log/audit-event.entity.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { EvidenceStore } from '../src/evidence/evidence-store.js';
import { describeReport, verifyEvidenceFiles } from '../src/evidence/evidence-verify.js';
import { EvidenceVersion } from '../src/evidence/evidence-version.entity.js';
import { Evidence } from '../src/evidence/evidence.entity.js';
import { parseCatalogue } from '../src/standards/catalogue.js';
import { loadCatalogue } from '../src/standards/catalogue-loader.js';
import { bearer, login, type Session } from './support/auth.js';
import { pdf, png } from './support/files.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';
import { minimalDocx } from './support/zip-builder.js';

const MB = 1024 * 1024;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const exe = (): Buffer => Buffer.concat([Buffer.from('MZ'), randomBytes(6000)]);

/** A second standard, so that "a clause of another standard" can be tried. */
const OTHER_STANDARD = `
code: iso-37001-2016
edition: "2016"
title: { id: "Sistem manajemen anti penyuapan", en: "Anti-bribery management systems" }
clauses:
  - number: "4"
    title: { id: "Konteks organisasi", en: "Context of the organization" }
    guidance: { id: "Konteks.", en: "Context." }
    children:
      - number: "4.5"
        title: { id: "Penilaian risiko penyuapan", en: "Bribery risk assessment" }
        guidance: { id: "Risiko.", en: "Risk." }
        expectedEvidence:
          id: ["Register risiko", "Notulen"]
          en: ["Risk register", "Minutes"]
`;

const BOUNDARY = 'mutu-e2e-boundary';
const rawForm = (parts: string[], close = true): Buffer =>
  Buffer.from(
    parts.map((p) => `--${BOUNDARY}\r\n${p}\r\n`).join('') + (close ? `--${BOUNDARY}--\r\n` : ''),
  );
const field = (name: string, value: string): string =>
  `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;

interface Detail {
  id: string;
  status: string;
  title: string;
  description: string | null;
  reference: string | null;
  validUntil: string | null;
  expired: boolean;
  present: boolean;
  review: { reason: string | null; reviewedBy: { displayName: string } | null } | null;
  clauses: { number: string; title: { id: string; en: string } }[];
  versions: {
    number: number;
    sha256: string;
    size: number;
    mediaType: string;
    originalName: string;
    uploadedBy: { id: string; displayName: string } | null;
    uploadedAt: string;
    downloadUrl: string;
  }[];
  withdrawnAt: string | null;
  withdrawal: { reason: string | null; by: { displayName: string } | null } | null;
}

describeDb('evidence: logging, versions, review and safe file storage', () => {
  let t: TestApp;
  let store: EvidenceStore;
  let officer: Session; // officer.dukcapil
  let setda: Session; // officer.setda
  let assessor: Session;
  let management: Session;
  let orgId: string;
  const units: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ MUTU_UPLOAD_LIMIT_MB: '1' });
    await t.app.listen(0, '127.0.0.1');
    store = new EvidenceStore(t.config.dataDir);
    [officer, setda, assessor, management] = await Promise.all(
      ['officer.dukcapil', 'officer.setda', 'assessor', 'management'].map((u) =>
        login(t.server, u),
      ),
    );
    const orgs = await request(t.server).get('/api/organisations').set(bearer(management));
    orgId = orgs.body[0].id;
    const list = await request(t.server)
      .get(`/api/organisations/${orgId}/units`)
      .set(bearer(management));
    for (const u of list.body as { id: string; code: string }[]) units[u.code] = u.id;
    await t.db.transaction((m) => loadCatalogue(m, parseCatalogue(OTHER_STANDARD, 'other')));
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = () => request(t.server);
  const upload = (session: Session, unit = units.DUKCAPIL) =>
    api().post(`/api/units/${unit}/evidence`).set(bearer(session));
  const detail = async (id: string, session = officer): Promise<Detail> =>
    (await api().get(`/api/evidence/${id}`).set(bearer(session)).expect(200)).body as Detail;
  const download = (url: string, session = officer) =>
    api().get(url).set(bearer(session)).responseType('blob');

  const storedFiles = (): string[] => {
    const walk = (dir: string): string[] =>
      existsSync(dir)
        ? readdirSync(dir).flatMap((name) => {
            const path = join(dir, name);
            if (path === store.tmpDir) return [];
            return statSync(path).isDirectory() ? walk(path) : [path];
          })
        : [];
    return walk(store.root);
  };
  const tmpFiles = (): string[] => (existsSync(store.tmpDir) ? readdirSync(store.tmpDir) : []);
  const events = (action: string, entityId?: string) =>
    t.db.getRepository(AuditEvent).find({
      where: { action, ...(entityId ? { entityId } : {}) },
      order: { occurredAt: 'ASC' },
    });
  /** Everything an upload could leave behind. */
  const state = async () => ({
    evidence: await t.db.getRepository(Evidence).count(),
    versions: await t.db.getRepository(EvidenceVersion).count(),
    audit: await t.db.getRepository(AuditEvent).count(),
    files: storedFiles().length,
    tmp: tmpFiles().length,
  });
  /** Runs a refused request and proves nothing at all was stored. */
  const refused = async (
    send: () => Promise<request.Response>,
    status: number,
  ): Promise<request.Response> => {
    const before = await state();
    const res = await send();
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
    expect(await state()).toEqual({ ...before, tmp: 0 });
    return res;
  };

  describe('logging evidence with a file', () => {
    let id: string;
    const bytes = pdf(50_000);

    it('streams the file into the content-addressed store and records who, when, what', async () => {
      const res = await upload(officer)
        .field('title', '  SK Kepala Dinas tentang Ruang Lingkup SMM 2026 ')
        .field('description', 'Ditandatangani 5 Januari 2026')
        .field('clauses', '4.3, 5.2.1')
        .field('validUntil', '2028-12-31')
        .attach('file', bytes, { filename: 'SK Ruang Lingkup.pdf', contentType: 'image/png' })
        .expect(201);
      const body = res.body as Detail;
      id = body.id;
      expect(body).toMatchObject({
        title: 'SK Kepala Dinas tentang Ruang Lingkup SMM 2026',
        description: 'Ditandatangani 5 Januari 2026',
        reference: null,
        validUntil: '2028-12-31',
        status: 'submitted',
        expired: false,
        present: false,
        review: null,
        withdrawnAt: null,
        clauses: [
          {
            number: '4.3',
            title: { en: 'Determining the scope of the quality management system' },
          },
          { number: '5.2.1', title: { id: expect.any(String) } },
        ],
        versions: [
          {
            number: 1,
            sha256: sha256(bytes),
            size: bytes.length,
            // Sniffed from the bytes: the client claimed image/png.
            mediaType: 'application/pdf',
            originalName: 'SK Ruang Lingkup.pdf',
            uploadedBy: { id: officer.user.id, displayName: 'Yanti Tefa, S.Kom. (demo)' },
            downloadUrl: `/api/evidence/${id}/versions/1/file`,
          },
        ],
      });
      const path = store.pathOf(sha256(bytes));
      expect(path).toBe(
        join(
          t.config.dataDir,
          'evidence',
          sha256(bytes).slice(0, 2),
          sha256(bytes).slice(2, 4),
          sha256(bytes),
        ),
      );
      expect(statSync(path).size).toBe(bytes.length);
      expect(tmpFiles()).toEqual([]);
      const [created] = await events('evidence.create', id);
      expect(created).toMatchObject({
        actorId: officer.user.id,
        entity: 'evidence',
        unitId: units.DUKCAPIL,
        organisationId: orgId,
        changes: {
          title: { before: null, after: 'SK Kepala Dinas tentang Ruang Lingkup SMM 2026' },
          clauses: { before: null, after: ['4.3', '5.2.1'] },
          version: {
            before: null,
            after: { number: 1, sha256: sha256(bytes), size: bytes.length },
          },
        },
      });
    });

    it('sends the bytes back unchanged, with the headers a browser needs to handle them safely', async () => {
      const res = await download(`/api/evidence/${id}/versions/1/file`).expect(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename="SK Ruang Lingkup.pdf"; filename*=UTF-8''SK%20Ruang%20Lingkup.pdf`,
        'x-content-type-options': 'nosniff',
        etag: `"${sha256(bytes)}"`,
      });
      // The content address is the ETag: a client holding the bytes gets no body.
      await api()
        .get(`/api/evidence/${id}/versions/1/file`)
        .set(bearer(officer))
        .set('If-None-Match', `"${sha256(bytes)}"`)
        .expect(304);
      // Management and the assessor read it too; an unknown version is a clear 404.
      await download(`/api/evidence/${id}/versions/1/file`, management).expect(200);
      const missing = await download(`/api/evidence/${id}/versions/7/file`).expect(404);
      expect(JSON.parse((missing.body as Buffer).toString())).toMatchObject({
        code: 'evidence_version_not_found',
        message: 'Versi 7 dari bukti ini tidak ada.',
      });
      const bad = await download(`/api/evidence/${id}/versions/first/file`).expect(400);
      expect(JSON.parse((bad.body as Buffer).toString())).toMatchObject({
        details: [{ field: 'n', rule: 'isInt' }],
      });
    });

    it('keeps every version downloadable; a rejected item goes back to review with a new version', async () => {
      const rejected = await api()
        .post(`/api/evidence/${id}/review`)
        .set(bearer(assessor))
        .send({ decision: 'rejected', reason: 'SK belum ditandatangani Kepala Dinas.' })
        .expect(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        present: false,
        review: {
          reason: 'SK belum ditandatangani Kepala Dinas.',
          reviewedBy: { displayName: 'Ir. Rina Kusumawardani, M.T. (demo)' },
        },
      });
      // The officer sees why.
      expect((await detail(id)).review?.reason).toBe('SK belum ditandatangani Kepala Dinas.');

      const second = png();
      const res = await api()
        .post(`/api/evidence/${id}/versions`)
        .set(bearer(officer))
        .attach('file', second, 'SK bertanda tangan.png')
        .expect(201);
      expect(res.body).toMatchObject({ status: 'submitted', review: null });
      expect((res.body as Detail).versions.map((v) => [v.number, v.sha256, v.mediaType])).toEqual([
        [1, sha256(bytes), 'application/pdf'],
        [2, sha256(second), 'image/png'],
      ]);
      const v1 = await download(`/api/evidence/${id}/versions/1/file`).expect(200);
      const v2 = await download(`/api/evidence/${id}/versions/2/file`).expect(200);
      expect(Buffer.compare(v1.body as Buffer, bytes)).toBe(0);
      expect(Buffer.compare(v2.body as Buffer, second)).toBe(0);
      expect(v2.headers['content-type']).toBe('image/png');

      const [review] = await events('evidence.review', id);
      expect(review).toMatchObject({
        actorId: assessor.user.id,
        unitId: units.DUKCAPIL,
        organisationId: orgId,
        changes: {
          status: { before: 'submitted', after: 'rejected' },
          reviewReason: { before: null, after: 'SK belum ditandatangani Kepala Dinas.' },
        },
      });
      const [added] = await events('evidence.version_add', id);
      expect(added).toMatchObject({
        actorId: officer.user.id,
        unitId: units.DUKCAPIL,
        organisationId: orgId,
        changes: {
          version: { before: 1, after: { number: 2, sha256: sha256(second) } },
          status: { before: 'rejected', after: 'submitted' },
        },
      });

      const accepted = await api()
        .post(`/api/evidence/${id}/review`)
        .set(bearer(assessor))
        .send({ decision: 'accepted' })
        .expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', present: true });
    });

    it('numbers versions uploaded at the same time without clashes', async () => {
      const created = await upload(officer)
        .field('title', 'Foto ruang tunggu')
        .field('clauses', '7.1.4')
        .attach('file', png(), 'ruang.png')
        .expect(201);
      const id2 = (created.body as Detail).id;
      const parallel = await Promise.all([
        ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(() =>
          api()
            .post(`/api/evidence/${id2}/versions`)
            .set(bearer(officer))
            .attach('file', png(), 'ruang.png'),
        ),
        ...[1, 2].map((n) =>
          upload(officer)
            .field('title', `Paralel ${n}`)
            .field('clauses', '7.1.4')
            .attach('file', png(), 'p.png'),
        ),
      ]);
      expect(parallel.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect((await detail(id2)).versions.map((v) => v.number)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
      ]);
      expect(tmpFiles()).toEqual([]);
    });

    it('stores identical content once, whoever uploads it and wherever', async () => {
      const files = storedFiles().length;
      const same = pdf(8000);
      const a = await upload(officer)
        .field('title', 'A')
        .field('clauses', '7.2')
        .attach('file', same, 'a.pdf')
        .expect(201);
      const b = await upload(setda, units.SETDA)
        .field('title', 'B')
        .field('clauses', '7.2')
        .attach('file', same, 'b.pdf')
        .expect(201);
      expect(storedFiles().length).toBe(files + 1);
      expect((a.body as Detail).versions[0].sha256).toBe((b.body as Detail).versions[0].sha256);
      const v = await download(
        `/api/evidence/${(b.body as Detail).id}/versions/1/file`,
        setda,
      ).expect(200);
      expect(v.headers['content-disposition']).toContain('filename="b.pdf"');
    });

    it('accepts a file of exactly the limit, clauses as a repeated field', async () => {
      const res = await upload(officer)
        .field('title', 'Daftar kalibrasi')
        .field('clauses', '7.1.5.1')
        .field('clauses', '7.1.5.2')
        .attach('file', pdf(1 * MB), 'kalibrasi.pdf')
        .expect(201);
      expect(res.body).toMatchObject({
        clauses: [{ number: '7.1.5.1' }, { number: '7.1.5.2' }],
        versions: [{ size: MB }],
      });
    });

    it('keeps a hostile file name only as cleaned metadata, never as a path', async () => {
      const res = await upload(officer)
        .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
        .send(
          rawForm([
            field('title', 'Notulen'),
            field('clauses', '9.3.3'),
            `Content-Disposition: form-data; name="file"; filename="x"; filename*=UTF-8''..%2F..%2Fetc%2Fpass%0D%0Awd%22.txt\r\nContent-Type: text/plain\r\n\r\nNotulen rapat tinjauan manajemen\n`,
          ]),
        )
        .expect(201);
      const body = res.body as Detail;
      expect(body.versions[0]).toMatchObject({
        originalName: 'passwd".txt',
        mediaType: 'text/plain',
      });
      expect(existsSync(join(t.config.dataDir, 'etc'))).toBe(false);
      const file = await download(body.versions[0].downloadUrl).expect(200);
      expect(file.headers['content-disposition']).toBe(
        `attachment; filename="passwd_.txt"; filename*=UTF-8''passwd%22.txt`,
      );
      expect(file.headers['content-type']).toBe('text/plain');
    });

    it('takes an upload through the session cookie only with the CSRF header', async () => {
      const send = () =>
        upload(officer)
          .unset('Authorization')
          .set('Cookie', officer.cookie)
          .field('title', 'Foto loket pelayanan')
          .field('clauses', '7.1.4')
          .attach('file', png(), 'loket.png');
      const res = await refused(() => send(), 403);
      expect(res.body.code).toBe('csrf_invalid');
      await send().set('X-CSRF-Token', officer.csrfToken).expect(201);
    });
  });

  describe('logging evidence without a file', () => {
    it('takes a reference to a physical document, as multipart or JSON', async () => {
      const form = await upload(officer)
        .field('title', 'Buku register pengaduan 2026')
        .field('clauses', '9.1.2')
        .field('reference', 'Meja layanan informasi, lantai 1')
        .expect(201);
      expect(form.body).toMatchObject({
        reference: 'Meja layanan informasi, lantai 1',
        versions: [],
      });
      const json = await upload(officer)
        .send({
          title: 'Maklumat pelayanan',
          clauses: ['8.2.2'],
          reference: 'Papan informasi ruang tunggu',
        })
        .expect(201);
      expect(json.body).toMatchObject({ clauses: [{ number: '8.2.2' }], versions: [] });
    });

    it('needs a reference when there is no file', async () => {
      const res = await refused(
        () => upload(officer).field('title', 'Tanpa apa-apa').field('clauses', '9.1.2'),
        400,
      );
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        details: [
          {
            field: 'reference',
            rule: 'referenceOrFile',
            message: 'wajib diisi bila tidak ada berkas yang diunggah',
          },
        ],
      });
    });
  });

  describe('refusing bad input: the right 4xx, and nothing stored', () => {
    const good = (session = officer, unit = units.DUKCAPIL) =>
      upload(session, unit).field('title', 'Bukti').field('clauses', '9.1.2');

    it('an unknown unit, and another unit (not revealed)', async () => {
      const unknown = await refused(
        () => good(officer, '0b5c7d6e-1111-4222-8333-944455556666').attach('file', pdf(), 'a.pdf'),
        404,
      );
      expect(unknown.body.message).toBe('Unit kerja tidak ditemukan.');
      const other = await refused(() => good(setda).attach('file', pdf(), 'a.pdf'), 404);
      // The same answer as for a unit that does not exist (each with its own request id).
      expect({ ...other.body, requestId: undefined }).toEqual({
        ...unknown.body,
        requestId: undefined,
      });
    });

    it('an unknown clause, a clause of another standard, a parent clause', async () => {
      const unknown = await refused(
        () =>
          upload(officer)
            .field('title', 'x')
            .field('clauses', '9.1.2, 11.9')
            .attach('file', pdf(), 'a.pdf'),
        400,
      );
      expect(unknown.body.details).toEqual([
        {
          field: 'clauses',
          rule: 'clauseUnknown',
          values: ['11.9'],
          message: 'memuat nomor klausul yang tidak dikenal: 11.9',
        },
      ]);
      const foreign = await refused(
        () =>
          upload(officer)
            .field('title', 'x')
            .field('clauses', '4.5')
            .attach('file', pdf(), 'a.pdf'),
        422,
      );
      expect(foreign.body).toMatchObject({
        code: 'clause_other_standard',
        message: 'Klausul 4.5 bukan bagian dari standar unit kerja ini (iso-9001-2015).',
      });
      const parent = await refused(
        () =>
          upload(officer)
            .field('title', 'x')
            .field('clauses', '9.1')
            .attach('file', pdf(), 'a.pdf'),
        422,
      );
      expect(parent.body).toMatchObject({
        code: 'clause_not_leaf',
        details: [{ field: 'clauses', rule: 'clauseNotLeaf', values: ['9.1'] }],
      });
      const malformed = await refused(
        () =>
          upload(officer)
            .field('title', 'x')
            .field('clauses', 'lima')
            .attach('file', pdf(), 'a.pdf'),
        400,
      );
      expect(malformed.body.details).toEqual([
        expect.objectContaining({ field: 'clauses', rule: 'matches' }),
      ]);
    });

    it('an empty file', async () => {
      const res = await refused(() => good().attach('file', Buffer.alloc(0), 'kosong.pdf'), 400);
      expect(res.body.details).toEqual([
        { field: 'file', rule: 'fileEmpty', message: 'berupa berkas kosong' },
      ]);
    });

    it('a file over the limit (413)', async () => {
      const res = await refused(() => good().attach('file', pdf(MB + 1), 'besar.pdf'), 413);
      expect(res.body).toMatchObject({
        code: 'file_too_large',
        message: 'Ukuran berkas melebihi batas 1 MB.',
      });
    });

    it('a file over the limit is refused while it streams, not after', async () => {
      const before = await state();
      const { port } = t.server.address() as AddressInfo;
      const head = rawForm([field('title', 'x'), field('clauses', '9.1.2')], false);
      const preamble = Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      const declared = head.length + preamble.length + 5 * MB;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/units/${units.DUKCAPIL}/evidence`,
          headers: {
            ...bearer(officer),
            'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
            'Content-Length': String(declared),
          },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body });
            req.destroy();
          });
        });
        req.on('error', reject);
        // 2 MB of the declared 5: the answer must come without the rest.
        req.write(Buffer.concat([head, preamble, pdf(2 * MB)]));
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'file_too_large' });
      expect(await state()).toEqual({ ...before, tmp: 0 });
    });

    it('an executable renamed .pdf (415)', async () => {
      const res = await refused(
        () =>
          good().attach('file', exe(), { filename: 'laporan.pdf', contentType: 'application/pdf' }),
        415,
      );
      expect(res.body).toMatchObject({
        code: 'file_type_refused',
        message: expect.stringContaining('PDF'),
      });
    });

    it('a truncated or malformed multipart body (400)', async () => {
      const partial = rawForm(
        [
          field('title', 'x'),
          field('clauses', '9.1.2'),
          `Content-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n${pdf(3000).toString('latin1')}`,
        ],
        false,
      );
      const truncated = await refused(
        () =>
          upload(officer)
            .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
            .send(partial),
        400,
      );
      expect(truncated.body).toMatchObject({
        code: 'upload_malformed',
        message: 'Unggahan tidak lengkap atau rusak. Silakan unggah ulang.',
      });
      const noBoundary = await refused(
        () => upload(officer).set('Content-Type', 'multipart/form-data; charset=utf-8').send('x'),
        400,
      );
      expect(noBoundary.body.code).toBe('upload_malformed');
    });

    it('a file in another field, or two files', async () => {
      const other = await refused(
        () => good().attach('file', pdf(), 'a.pdf').attach('lampiran', pdf(), 'b.pdf'),
        400,
      );
      expect(other.body.details).toEqual([
        expect.objectContaining({ field: 'lampiran', rule: 'unexpectedFile' }),
      ]);
      const two = await refused(
        () => good().attach('file', pdf(), 'a.pdf').attach('file', pdf(), 'b.pdf'),
        400,
      );
      expect(two.body.details).toEqual([
        expect.objectContaining({ field: 'file', rule: 'singleFile' }),
      ]);
    });

    it('bad fields: unknown, too long, impossible dates, no title', async () => {
      const cases: [request.Test, Record<string, unknown>][] = [
        [good().field('rating', 'met'), { field: 'rating', rule: 'whitelistValidation' }],
        [
          good().field('validUntil', '2026-02-30'),
          { field: 'validUntil', rule: 'isIsoDay', message: 'harus berupa tanggal (YYYY-MM-DD)' },
        ],
        [
          upload(officer).field('title', 'x'.repeat(301)).field('clauses', '9.1.2'),
          { field: 'title', rule: 'maxLength' },
        ],
        [
          upload(officer).field('clauses', '9.1.2').field('reference', 'lemari'),
          { field: 'title', rule: 'isNotEmpty' },
        ],
      ];
      for (const [req, problem] of cases) {
        const res = await refused(() => req.attach('file', pdf(), 'a.pdf'), 400);
        expect(res.body.details).toEqual([expect.objectContaining(problem)]);
      }
    });

    it('a JSON body where a file is expected (415)', async () => {
      const [item] = (
        await api().get(`/api/units/${units.DUKCAPIL}/evidence`).set(bearer(officer)).expect(200)
      ).body.items as Detail[];
      const res = await refused(
        () =>
          api().post(`/api/evidence/${item.id}/versions`).set(bearer(officer)).send({ file: 'x' }),
        415,
      );
      expect(res.body.code).toBe('multipart_required');
      const none = await refused(
        () =>
          api().post(`/api/evidence/${item.id}/versions`).set(bearer(officer)).field('note', 'x'),
        400,
      );
      expect(none.body.details).toEqual([expect.objectContaining({ field: 'note' })]);
    });

    it('uploads by roles that may not, and versions of another unit’s evidence', async () => {
      await refused(() => good(management).attach('file', pdf(), 'a.pdf'), 403);
      await refused(() => good(assessor).attach('file', pdf(), 'a.pdf'), 403);
      const [setdaItem] = (
        await api().get(`/api/units/${units.SETDA}/evidence`).set(bearer(setda)).expect(200)
      ).body.items as Detail[];
      await refused(
        () =>
          api()
            .post(`/api/evidence/${setdaItem.id}/versions`)
            .set(bearer(officer))
            .attach('file', pdf(), 'a.pdf'),
        404,
      );
    });
  });

  describe('review', () => {
    let id: string;
    beforeAll(async () => {
      id = (
        await upload(officer)
          .field('title', 'Notulen tinjauan manajemen')
          .field('clauses', '9.3.2')
          .attach('file', pdf(), 'n.pdf')
          .expect(201)
      ).body.id;
    });

    it('is refused to officers (403) and to assessors of other units (404)', async () => {
      await refused(
        () =>
          api()
            .post(`/api/evidence/${id}/review`)
            .set(bearer(officer))
            .send({ decision: 'accepted' }),
        403,
      );
      const admin = await login(t.server, 'admin');
      const created = await api()
        .post('/api/users')
        .set(bearer(admin))
        .send({
          username: 'assessor.lain',
          displayName: 'Auditor lain',
          role: 'assessor',
          password: 'rahasia-sekali-123',
        })
        .expect(201);
      expect(created.body.username).toBe('assessor.lain');
      const stranger = await login(t.server, 'assessor.lain', 'rahasia-sekali-123');
      await refused(
        () =>
          api()
            .post(`/api/evidence/${id}/review`)
            .set(bearer(stranger))
            .send({ decision: 'accepted' }),
        404,
      );
    });

    it('needs a reason to reject, and a known decision', async () => {
      for (const body of [{ decision: 'rejected' }, { decision: 'rejected', reason: '   ' }]) {
        const res = await refused(
          () => api().post(`/api/evidence/${id}/review`).set(bearer(assessor)).send(body),
          400,
        );
        expect(res.body.details).toEqual([
          expect.objectContaining({ field: 'reason', message: 'wajib diisi' }),
        ]);
      }
      const res = await refused(
        () =>
          api()
            .post(`/api/evidence/${id}/review`)
            .set(bearer(assessor))
            .send({ decision: 'maybe' }),
        400,
      );
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'decision', rule: 'isIn' }),
      ]);
      expect((await detail(id)).status).toBe('submitted');
    });
  });

  describe('listing', () => {
    const today = todayInZone(new Date());
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const make = async (key: string, fields: Record<string, string>) => {
        let req = upload(setda, units.SETDA).field('reference', 'Lemari arsip');
        for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
        ids[key] = (await req.expect(201)).body.id;
      };
      await make('yesterday', {
        title: 'Laporan SKM Kedaluwarsa',
        clauses: '9.1.2',
        validUntil: addDays(today, -1),
      });
      await make('today', {
        title: 'Laporan SKM Berlaku Hari Ini',
        clauses: '9.1.2',
        validUntil: today,
      });
      await make('described', {
        title: 'Daftar hadir',
        description: 'Sosialisasi KEBIJAKAN mutu 100% pegawai',
        clauses: '7.3',
      });
      await make('withdrawn', { title: 'Ditarik', clauses: '7.3' });
      for (const key of ['yesterday', 'today'])
        await api()
          .post(`/api/evidence/${ids[key]}/review`)
          .set(bearer(assessor))
          .send({ decision: 'accepted' })
          .expect(200);
      await api()
        .post(`/api/evidence/${ids.withdrawn}/withdraw`)
        .set(bearer(setda))
        .send({ reason: 'Salah unggah' })
        .expect(200);
    });
    const list = async (query: Record<string, string | number>, session = setda) =>
      (
        await api()
          .get(`/api/units/${units.SETDA}/evidence`)
          .query(query)
          .set(bearer(session))
          .expect(200)
      ).body as { items: Detail[]; total: number; page: number; pageSize: number };
    const titles = (page: { items: Detail[] }) => page.items.map((i) => i.title);

    it('treats evidence past its last valid day (in Kupang) as expired and not present', async () => {
      const expired = await list({ expired: 'true', clause: '9.1.2' });
      expect(titles(expired)).toContain('Laporan SKM Kedaluwarsa');
      expect(titles(expired)).not.toContain('Laporan SKM Berlaku Hari Ini');
      const current = await list({ expired: 'false', clause: '9.1.2' });
      expect(titles(current)).toContain('Laporan SKM Berlaku Hari Ini');
      expect(titles(current)).not.toContain('Laporan SKM Kedaluwarsa');
      const old = await detail(ids.yesterday, setda);
      expect(old).toMatchObject({ status: 'accepted', expired: true, present: false });
      expect(await detail(ids.today, setda)).toMatchObject({ expired: false, present: true });
    });

    it('filters by clause (and its sub-clauses), status and text; pages', async () => {
      const byParent = await list({ clause: '9.1' });
      expect(byParent.items.every((i) => i.clauses.some((c) => c.number.startsWith('9.1.')))).toBe(
        true,
      );
      expect(titles(byParent)).toEqual(
        expect.arrayContaining(['Laporan SKM Kedaluwarsa', 'Laporan SKM Berlaku Hari Ini']),
      );
      const rejected = await list({ status: 'rejected' });
      expect(rejected.items.length).toBeGreaterThan(0);
      expect(rejected.items.every((i) => i.status === 'rejected')).toBe(true);
      expect(titles(await list({ q: 'kebijakan MUTU 100%' }))).toEqual(['Daftar hadir']);
      expect(titles(await list({ q: '100_' }))).toEqual([]);
      const all = await list({ pageSize: 200 });
      const first = await list({ pageSize: 3, page: 1 });
      const second = await list({ pageSize: 3, page: 2 });
      expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 3 });
      expect([...first.items, ...second.items].map((i) => i.id)).toEqual(
        all.items.slice(0, 6).map((i) => i.id),
      );
      const bad = await api()
        .get(`/api/units/${units.SETDA}/evidence`)
        .query({ expired: 'maybe', pageSize: 500 })
        .set(bearer(setda))
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'expired',
        'pageSize',
      ]);
    });

    it('hides withdrawn evidence unless asked; never counts it', async () => {
      expect(titles(await list({ pageSize: 200 }))).not.toContain('Ditarik');
      const withWithdrawn = await list({ withdrawn: 'true', pageSize: 200 });
      expect(withWithdrawn.items.find((i) => i.title === 'Ditarik')).toMatchObject({
        present: false,
        withdrawnAt: expect.any(String),
      });
    });

    it('shows a unit only to those whose scope covers it', async () => {
      await api().get(`/api/units/${units.SETDA}/evidence`).set(bearer(officer)).expect(404);
      await api().get(`/api/evidence/${ids.today}`).set(bearer(officer)).expect(404);
      await download(`/api/evidence/${ids.today}/versions/1/file`).expect(404);
      expect((await list({}, management)).total).toBeGreaterThan(0);
    });
  });

  describe('changing and withdrawing', () => {
    let id: string;
    beforeAll(async () => {
      id = (
        await upload(officer)
          .field('title', 'SOP Pelayanan Akta')
          .field('clauses', '8.5.1')
          .field('reference', 'Lemari A-1')
          .expect(201)
      ).body.id;
      await api()
        .post(`/api/evidence/${id}/review`)
        .set(bearer(assessor))
        .send({ decision: 'accepted' })
        .expect(200);
    });
    const patch = (body: object, session = officer) =>
      api().patch(`/api/evidence/${id}`).set(bearer(session)).send(body);

    it('keeps the decision for a new wording, sends a changed claim back to review', async () => {
      const worded = await patch({
        title: 'SOP Penerbitan Akta Kelahiran',
        description: 'Revisi 2',
      }).expect(200);
      expect(worded.body).toMatchObject({
        title: 'SOP Penerbitan Akta Kelahiran',
        status: 'accepted',
      });
      const claim = await patch({ validUntil: '2030-01-01', clauses: ['8.5.1', '8.2.2'] }).expect(
        200,
      );
      expect(claim.body).toMatchObject({
        validUntil: '2030-01-01',
        status: 'submitted',
        review: null,
        clauses: [{ number: '8.2.2' }, { number: '8.5.1' }],
      });
      const updates = await events('evidence.update', id);
      expect(updates).toHaveLength(2);
      expect(updates[1]).toMatchObject({
        actorId: officer.user.id,
        unitId: units.DUKCAPIL,
        organisationId: orgId,
        changes: {
          validUntil: { before: null, after: '2030-01-01' },
          clauses: { before: ['8.5.1'], after: ['8.2.2', '8.5.1'] },
          status: { before: 'accepted', after: 'submitted' },
        },
      });
      // Nothing to change: nothing written.
      await patch({ title: 'SOP Penerbitan Akta Kelahiran' }).expect(200);
      expect(await events('evidence.update', id)).toHaveLength(2);
    });

    it('refuses a change that breaks a rule, by someone who may not, or on another unit', async () => {
      await refused(() => patch({ reference: null }), 400);
      await refused(() => patch({ title: null }), 400);
      await refused(() => patch({ clauses: ['9.1'] }), 422);
      await refused(() => patch({ status: 'accepted' }), 400);
      await refused(() => patch({ title: 'x' }, assessor), 403);
      await refused(() => patch({ title: 'x' }, setda), 404);
    });

    it('withdraws with a reason, never deletes; a withdrawn item takes no more changes', async () => {
      const noReason = await refused(
        () => api().post(`/api/evidence/${id}/withdraw`).set(bearer(officer)).send({}),
        400,
      );
      expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
      const res = await api()
        .post(`/api/evidence/${id}/withdraw`)
        .set(bearer(officer))
        .send({ reason: 'Diganti SOP versi baru' })
        .expect(200);
      expect(res.body).toMatchObject({
        withdrawnAt: expect.any(String),
        present: false,
        withdrawal: {
          reason: 'Diganti SOP versi baru',
          by: { displayName: 'Yanti Tefa, S.Kom. (demo)' },
        },
      });
      const [event] = await events('evidence.withdraw', id);
      expect(event).toMatchObject({
        actorId: officer.user.id,
        unitId: units.DUKCAPIL,
        organisationId: orgId,
        changes: { reason: { before: null, after: 'Diganti SOP versi baru' } },
      });
      for (const send of [
        () =>
          api().post(`/api/evidence/${id}/withdraw`).set(bearer(officer)).send({ reason: 'lagi' }),
        () => patch({ title: 'x' }),
        () =>
          api()
            .post(`/api/evidence/${id}/review`)
            .set(bearer(assessor))
            .send({ decision: 'accepted' }),
        () =>
          api()
            .post(`/api/evidence/${id}/versions`)
            .set(bearer(officer))
            .attach('file', pdf(), 'baru.pdf'),
      ]) {
        const refusedRes = await refused(send, 409);
        expect(refusedRes.body.code).toBe('evidence_withdrawn');
      }
      expect(await t.db.getRepository(Evidence).existsBy({ id })).toBe(true);
    });
  });

  describe('showing a file in place (inline=1)', () => {
    const PDF_POLICY =
      "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
    const IMAGE_POLICY =
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
    const docx = (): Buffer => minimalDocx(300);
    /** Uploads one file to Dukcapil and returns the download URL of its first version. */
    const stored = async (bytes: Buffer, filename: string, mediaType: string): Promise<string> => {
      const res = await upload(officer)
        .field('title', `Pratinjau ${filename}`)
        .field('clauses', '7.5.3.1')
        .attach('file', bytes, { filename, contentType: 'application/octet-stream' })
        .expect(201);
      const body = res.body as Detail;
      expect(body.versions[0].mediaType).toBe(mediaType);
      return body.versions[0].downloadUrl;
    };
    const fetchFile = (url: string, query: Record<string, string>, session = assessor) =>
      download(url, session).query(query);

    it('shows a PDF in place under a policy of its own; without the flag it stays a download', async () => {
      const bytes = pdf(3000);
      const url = await stored(bytes, 'Notulen Tinjauan – Déc.pdf', 'application/pdf');
      for (const flag of ['1', 'true']) {
        const res = await fetchFile(url, { inline: flag }).expect(200);
        expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
        expect(res.headers).toMatchObject({
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="Notulen Tinjauan _ Dec.pdf"; filename*=UTF-8''Notulen%20Tinjauan%20%E2%80%93%20D%C3%A9c.pdf`,
          'content-security-policy': PDF_POLICY,
          'x-content-type-options': 'nosniff',
          // Helmet's: the evidence page (same origin) may frame it, no other site may.
          'x-frame-options': 'SAMEORIGIN',
          etag: `"${sha256(bytes)}"`,
        });
      }
      for (const query of [{}, { inline: '0' }, { inline: 'false' }] as Record<string, string>[]) {
        const res = await fetchFile(url, query).expect(200);
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Notulen/);
        expect(res.headers['content-security-policy']).not.toBe(PDF_POLICY);
      }
    });

    it('shows PNG and JPEG images in place, sandboxed', async () => {
      for (const [bytes, name, type] of [
        [png(), 'foto-loket.png', 'image/png'],
        [
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(400)]),
          'ruang-arsip.jpg',
          'image/jpeg',
        ],
      ] as const) {
        const url = await stored(bytes, name, type);
        const res = await fetchFile(url, { inline: '1' }).expect(200);
        expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
        expect(res.headers).toMatchObject({
          'content-type': type,
          'content-disposition': `inline; filename="${name}"; filename*=UTF-8''${name}`,
          'content-security-policy': IMAGE_POLICY,
          'x-content-type-options': 'nosniff',
        });
      }
    });

    it('downloads any other type even when asked to show it: text, CSV, a Word file', async () => {
      const cases: [Buffer, string, string][] = [
        // Named and sent as an image, but its bytes are text: the sniffed type decides.
        [
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n'),
          'logo.png',
          'text/plain',
        ],
        [
          Buffer.from('nik;nama;layanan\n5371;Yanti;KTP\n5372;Marthen;KK\n'),
          'rekap.csv',
          'text/csv',
        ],
        [
          docx(),
          'SOP Pelayanan.docx',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ],
      ];
      for (const [bytes, name, type] of cases) {
        const url = await stored(bytes, name, type);
        const res = await fetchFile(url, { inline: '1' }).expect(200);
        expect(res.headers['content-type']).toMatch(new RegExp(`^${type}`));
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
        expect(res.headers['content-security-policy']).not.toMatch(/sandbox|object-src 'self'/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('refuses an unknown query field or a flag it cannot read (400), naming it', async () => {
      const url = await stored(pdf(), 'surat.pdf', 'application/pdf');
      const cases: [Record<string, string>, { field: string; rule: string }][] = [
        [
          { inline: '1', disposition: 'inline' },
          { field: 'disposition', rule: 'whitelistValidation' },
        ],
        [{ inline: 'yes' }, { field: 'inline', rule: 'isBoolean' }],
        [{ inline: '' }, { field: 'inline', rule: 'isBoolean' }],
      ];
      for (const [query, problem] of cases) {
        const res = await fetchFile(url, query).expect(400);
        expect(JSON.parse((res.body as Buffer).toString()).details).toEqual([
          expect.objectContaining(problem),
        ]);
      }
      // Scope first: another unit's officer learns nothing, inline or not.
      await fetchFile(url, { inline: '1' }, setda).expect(404);
    });
  });

  it('documents the evidence routes, uploads as multipart/form-data', async () => {
    const doc = (await api().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: object } }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/units/{id}/evidence',
        '/api/evidence/{id}',
        '/api/evidence/{id}/versions',
        '/api/evidence/{id}/versions/{n}/file',
        '/api/evidence/{id}/review',
        '/api/evidence/{id}/withdraw',
      ]),
    );
    expect(Object.keys(doc.paths['/api/evidence/{id}/versions'].post.requestBody!.content)).toEqual(
      ['multipart/form-data'],
    );
  });

  describe('verify', () => {
    it('re-hashes every stored file and reports missing and altered ones', async () => {
      const clean = await verifyEvidenceFiles(t.db, store);
      expect(clean.problems).toEqual([]);
      expect(clean.files).toBe(storedFiles().length);
      expect(describeReport(clean).at(-1)).toBe(
        'All stored evidence files are present and unchanged.',
      );

      const victims = await Promise.all(
        ['Daftar kalibrasi', 'Notulen tinjauan manajemen'].map((title) =>
          t.db.getRepository(Evidence).findOneByOrFail({ title }),
        ),
      );
      const [altered, missing] = await Promise.all(
        victims.map((e) =>
          t.db.getRepository(EvidenceVersion).findOneByOrFail({ evidenceId: e.id }),
        ),
      );
      writeFileSync(store.pathOf(altered.sha256), Buffer.from('%PDF-1.7 diubah diam-diam'));
      rmSync(store.pathOf(missing.sha256));
      const progress: number[] = [];
      const report = await verifyEvidenceFiles(t.db, store, (p) => progress.push(p.files));
      expect(progress.at(-1)).toBe(clean.files);
      expect(report.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'altered',
            sha256: altered.sha256,
            versions: [
              expect.objectContaining({
                title: 'Daftar kalibrasi',
                unitCode: 'DUKCAPIL',
                number: 1,
              }),
            ],
          }),
          expect.objectContaining({ kind: 'missing', sha256: missing.sha256 }),
        ]),
      );
      expect(report.problems).toHaveLength(2);
      expect(describeReport(report).at(-1)).toBe(
        '2 problem(s): 1 missing, 1 altered. Restore them from a backup.',
      );
      // A damaged file is never served as if it were the evidence.
      const res = await download(`/api/evidence/${missing.evidenceId}/versions/1/file`).expect(500);
      expect(JSON.parse((res.body as Buffer).toString()).code).toBe('evidence_file_unavailable');
    });
  });
});
