import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/** `chunk` repeated `times` times, deflated as one stream without ever holding it inflated. */
export async function deflatedRepeat(
  chunk: Buffer,
  times: number,
): Promise<{ deflated: Buffer; size: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  for (let i = 0; i < times; i++) {
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { deflated: Buffer.concat(parts), size: chunk.length * times };
}

/** One entry of a hand-built archive. */
export interface ZipEntrySpec {
  name: string;
  /** The bytes, or a stream already deflated elsewhere (a bomb too large to hold inflated). */
  content: Buffer | string | { deflated: Buffer; size: number };
  /** Deflated (the default) or stored as is. */
  method?: 'deflate' | 'store';
  /** The inflated size the archive claims, in both headers; default: the true size. */
  declaredSize?: number;
}

/**
 * Builds a ZIP archive byte by byte, so tests can craft what no honest zip tool writes: sizes that
 * lie, thousands of entries, an archive inside an archive. CRCs are left 0 (Mutu's checks must not
 * depend on them being right or wrong).
 */
export function buildZip(
  entries: ZipEntrySpec[],
  options: { declaredEntries?: number } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    let data: Buffer;
    let size: number;
    let stored = false;
    if (typeof e.content === 'string' || Buffer.isBuffer(e.content)) {
      const raw = Buffer.from(e.content);
      stored = e.method === 'store';
      data = stored ? raw : deflateRawSync(raw);
      size = raw.length;
    } else {
      data = e.content.deflated;
      size = e.content.size;
    }
    const declared = e.declaredSize ?? size;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const count = options.declaredEntries ?? entries.length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = (main: string, part: string): string =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="${part}" ContentType="${main}"/></Types>`;

/** A minimal but well-formed DOCX package; `padding` bytes of incompressible noise come before word/. */
export function minimalDocx(padding = 0): Buffer {
  let noise = '';
  let x = 12345;
  for (let i = 0; i < padding; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    noise += String.fromCharCode(33 + (x % 90));
  }
  return buildZip([
    {
      name: '[Content_Types].xml',
      content: CONTENT_TYPES(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        '/word/document.xml',
      ),
    },
    ...(padding > 0
      ? [{ name: 'docProps/custom.xml', content: `<x>${noise}</x>`, method: 'store' as const }]
      : []),
    {
      name: '_rels/.rels',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Notulen</w:t></w:r></w:p></w:body></w:document>',
    },
  ]);
}
