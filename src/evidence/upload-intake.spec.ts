import { PassThrough } from 'node:stream';
import type { Request } from 'express';
import type { EvidenceStore } from './evidence-store.js';
import { incomingUpload } from './upload-intake.js';
import { MultipartRequired } from './upload-errors.js';

/** A request whose body has not been read: a stream with headers, as Express hands it on. */
function request(contentType: string, body?: unknown): Request & PassThrough {
  const stream = new PassThrough() as unknown as Request & PassThrough;
  Object.assign(stream, {
    headers: { 'content-type': contentType },
    body,
    is: (types: string[]) => (types.some((t) => contentType.startsWith(t)) ? contentType : false),
  });
  return stream;
}

const options = (allowWithoutFile: boolean) => ({
  allowWithoutFile,
  store: {} as EvidenceStore,
  limitBytes: 1024,
  fileField: 'file',
  listFields: ['clauses'],
});

describe('incomingUpload', () => {
  it('reads nothing until the service asks for it', () => {
    const req = request('multipart/form-data; boundary=x');
    incomingUpload(req);
    expect(req.readableFlowing).toBeNull();
    expect(req.listenerCount('data')).toBe(0);
  });

  it('takes an item without a file as the JSON or form body Express parsed', async () => {
    const req = request('application/json', { title: 'SK Tim Mutu', clauses: ['5.3'] });
    await expect(incomingUpload(req).receive(options(true))).resolves.toEqual({
      fields: { title: 'SK Tim Mutu', clauses: ['5.3'] },
      file: null,
    });
    expect(req.readableFlowing).toBeNull();
  });

  it('asks for multipart where a file is required', async () => {
    const req = request('application/json', { title: 'x' });
    await expect(incomingUpload(req).receive(options(false))).rejects.toBeInstanceOf(
      MultipartRequired,
    );
  });

  it('is read once', async () => {
    const upload = incomingUpload(request('application/json', {}));
    await upload.receive(options(true));
    await expect(upload.receive(options(true))).rejects.toThrow('read once');
  });
});
