import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, ValidationFailed } from '../common/domain-error.js';
import { EvidenceStore } from './evidence-store.js';
import { receiveUpload, type Upload } from './multipart.js';

const LIMIT = 64 * 1024;
const BOUNDARY = '----mutu-test-boundary';

type Part =
  | { name: string; value: string }
  | { name: string; filename?: string; rawDisposition?: string; type?: string; data: Buffer };

/** A multipart body built byte by byte, so that hostile and broken forms can be sent too. */
function form(parts: Part[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n`));
    if ('value' in p) {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
      );
    } else {
      const disposition =
        p.rawDisposition ??
        `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
      chunks.push(
        Buffer.from(
          `Content-Disposition: ${disposition}\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.data,
        Buffer.from('\r\n'),
      );
    }
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const pdf = (size: number): Buffer =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(Math.max(0, size - 9))]);

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('receiveUpload (multipart parser on a real HTTP server)', () => {
  let dataDir: string;
  let store: EvidenceStore;
  let server: Server;
  let port: number;
  const received: Upload[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mutu-multipart-'));
    store = new EvidenceStore(dataDir);
    server = createServer((req, res) => {
      receiveUpload(req, { store, limitBytes: LIMIT, fileField: 'file', listFields: ['clauses'] })
        .then(async (upload) => {
          received.push(upload);
          const content = upload.file ? readFileSync(upload.file.tempPath) : null;
          if (upload.file) await store.discard(upload.file);
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              fields: upload.fields,
              file: upload.file && {
                sha256: upload.file.sha256,
                size: upload.file.size,
                mediaType: upload.file.mediaType,
                originalName: upload.file.originalName,
                contentSha256: createHash('sha256').update(content!).digest('hex'),
              },
            }),
          );
        })
        .catch((error: unknown) => {
          const e = error as DomainError;
          res.writeHead(e.status ?? 500, { 'Content-Type': 'application/json' });
          res.end(
            JSON.stringify({
              code: e.code ?? String(error),
              details: e instanceof ValidationFailed ? e.problems : undefined,
            }),
          );
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const tmpFiles = (): string[] => {
    try {
      return readdirSync(store.tmpDir);
    } catch {
      return [];
    }
  };

  function send(
    body: Buffer,
    headers: IncomingHttpHeaders = {},
    options: { endAfter?: number } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          headers: {
            'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
            'Content-Length': String(body.length),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
            });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      // endAfter: send only this much and wait, as a client still uploading would.
      if (options.endAfter === undefined) req.end(body);
      else req.write(body.subarray(0, options.endAfter));
    });
  }

  it('reads text fields and streams the file into tmp/, hashed and sniffed', async () => {
    const data = pdf(20_000);
    const res = await send(
      form([
        { name: 'title', value: 'SK Ruang Lingkup SMM' },
        { name: 'clauses', value: '4.3, 5.2.1' },
        { name: 'clauses', value: '6.2.1' },
        { name: 'file', filename: 'SK.pdf', type: 'image/png', data },
        { name: 'description', value: 'Ditandatangani Kepala Dinas' },
      ]),
    );
    expect(res).toEqual({
      status: 200,
      body: {
        fields: {
          title: 'SK Ruang Lingkup SMM',
          clauses: ['4.3, 5.2.1', '6.2.1'],
          description: 'Ditandatangani Kepala Dinas',
        },
        file: {
          sha256: createHash('sha256').update(data).digest('hex'),
          contentSha256: createHash('sha256').update(data).digest('hex'),
          size: data.length,
          mediaType: 'application/pdf',
          originalName: 'SK.pdf',
        },
      },
    });
    expect(tmpFiles()).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const res = await send(form([{ name: 'file', filename: 'a.pdf', data: pdf(LIMIT) }]));
    expect(res.status).toBe(200);
    expect(res.body.file).toMatchObject({ size: LIMIT });
  });

  it('answers 413 while the body is still arriving, and removes the partial file', async () => {
    const body = form([{ name: 'file', filename: 'big.pdf', data: pdf(LIMIT * 8) }]);
    // Only half the body is ever sent: the answer cannot wait for the end.
    const res = await send(body, {}, { endAfter: LIMIT * 4 });
    expect(res).toEqual({ status: 413, body: { code: 'file_too_large' } });
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses a disallowed type after its first 4 KiB, not after the whole file', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(LIMIT * 4)]);
    const body = form([
      { name: 'file', filename: 'laporan.pdf', type: 'application/pdf', data: exe },
    ]);
    const res = await send(body, {}, { endAfter: 16 * 1024 });
    expect(res).toEqual({ status: 415, body: { code: 'file_type_refused' } });
    expect(tmpFiles()).toEqual([]);
  });

  it('takes an unnamed empty file part (a file input left empty) as no file', async () => {
    const res = await send(
      form([
        { name: 'title', value: 'x' },
        { name: 'file', filename: '', data: Buffer.alloc(0) },
      ]),
    );
    expect(res).toEqual({ status: 200, body: { fields: { title: 'x' }, file: null } });
    expect(tmpFiles()).toEqual([]);
  });

  it.each<[string, Part[], number, Record<string, unknown>]>([
    [
      'a named empty file',
      [{ name: 'file', filename: 'kosong.pdf', data: Buffer.alloc(0) }],
      400,
      { code: 'validation_failed', details: [{ field: 'file', rule: 'fileEmpty' }] },
    ],
    [
      'a file in another field',
      [{ name: 'attachment', filename: 'a.pdf', data: pdf(100) }],
      400,
      { code: 'validation_failed', details: [{ field: 'attachment', rule: 'unexpectedFile' }] },
    ],
    [
      'two files',
      [
        { name: 'file', filename: 'a.pdf', data: pdf(100) },
        { name: 'file', filename: 'b.pdf', data: pdf(100) },
      ],
      400,
      { code: 'validation_failed', details: [{ field: 'file', rule: 'singleFile' }] },
    ],
    [
      'text where the file belongs',
      [{ name: 'file', value: 'bukan berkas' }],
      400,
      { code: 'validation_failed', details: [{ field: 'file', rule: 'notAFile' }] },
    ],
    [
      'a single-valued field given twice',
      [
        { name: 'title', value: 'a' },
        { name: 'title', value: 'b' },
        { name: 'file', filename: 'a.pdf', data: pdf(100) },
      ],
      400,
      { code: 'validation_failed', details: [{ field: 'title', rule: 'repeated' }] },
    ],
    [
      'an oversized text field',
      [{ name: 'description', value: 'x'.repeat(70 * 1024) }],
      400,
      { code: 'validation_failed', details: [{ field: 'description', rule: 'maxLength' }] },
    ],
    [
      'a field name that is not a name',
      [{ name: '__proto__', value: 'x' }],
      400,
      { code: 'validation_failed', details: [{ field: '__proto__', rule: 'whitelistValidation' }] },
    ],
  ])('refuses %s', async (_name, parts, status, body) => {
    expect(await send(form(parts))).toEqual({ status, body });
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses a body cut short (no closing boundary) as malformed, keeping nothing', async () => {
    const res = await send(form([{ name: 'file', filename: 'a.pdf', data: pdf(30_000) }], false));
    expect(res).toEqual({ status: 400, body: { code: 'upload_malformed' } });
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses a part with a broken header as malformed', async () => {
    const body = Buffer.from(
      `--${BOUNDARY}\r\nthis is not a header\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
    );
    expect(await send(body)).toEqual({ status: 400, body: { code: 'upload_malformed' } });
  });

  it('refuses multipart without a boundary, and other content types', async () => {
    const body = form([{ name: 'title', value: 'x' }]);
    expect(await send(body, { 'Content-Type': 'multipart/form-data' })).toEqual({
      status: 400,
      body: { code: 'upload_malformed' },
    });
    expect(await send(body, { 'Content-Type': 'multipart/form-data; charset=utf-8' })).toEqual({
      status: 400,
      body: { code: 'upload_malformed' },
    });
    expect(await send(Buffer.from('{}'), { 'Content-Type': 'application/json' })).toEqual({
      status: 415,
      body: { code: 'multipart_required' },
    });
  });

  it.each([
    ['a path', `filename="../../etc/passwd"`],
    ['a Windows path', `filename="..\\..\\Windows\\passwd"`],
    ['control characters (RFC 5987)', `filename*=UTF-8''..%2F..%2Fetc%2Fpass%07wd%0D%0A`],
  ])('keeps a file name with %s only as cleaned metadata', async (_name, param) => {
    const res = await send(
      form([
        {
          name: 'file',
          rawDisposition: `form-data; name="file"; ${param}`,
          data: Buffer.from('isi berkas\n'),
        },
      ]),
    );
    expect(res.body.file).toMatchObject({ originalName: 'passwd', mediaType: 'text/plain' });
    expect(readdirSync(dataDir)).toEqual(['evidence']);
  });

  it('refuses raw control characters in a part header as malformed', async () => {
    const res = await send(
      form([
        {
          name: 'file',
          rawDisposition: `form-data; name="file"; filename="nota\u0007dinas.txt"`,
          data: Buffer.from('isi berkas\n'),
        },
      ]),
    );
    expect(res).toEqual({ status: 400, body: { code: 'upload_malformed' } });
    expect(tmpFiles()).toEqual([]);
  });

  it('reads a UTF-8 file name, plain or RFC 5987 encoded', async () => {
    const plain = await send(
      form([{ name: 'file', filename: 'Notulen Tinjauan – Déc.txt', data: Buffer.from('a\n') }]),
    );
    expect(plain.body.file).toMatchObject({ originalName: 'Notulen Tinjauan – Déc.txt' });
    const encoded = await send(
      form([
        {
          name: 'file',
          rawDisposition: `form-data; name="file"; filename="x.txt"; filename*=UTF-8''Laporan%20%E2%80%93%202026.txt`,
          data: Buffer.from('a\n'),
        },
      ]),
    );
    expect(encoded.body.file).toMatchObject({ originalName: 'Laporan – 2026.txt' });
  });

  it('leaves no temporary file when the client goes away mid-upload', async () => {
    const body = form([{ name: 'file', filename: 'a.pdf', data: pdf(LIMIT / 2) }]);
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
          'Content-Length': String(body.length),
        },
      });
      req.on('error', () => undefined);
      req.write(body.subarray(0, 10_000), () => setTimeout(() => (req.destroy(), resolve()), 50));
    });
    for (let i = 0; i < 50 && tmpFiles().length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(tmpFiles()).toEqual([]);
  });
});
