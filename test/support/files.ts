import { randomBytes } from 'node:crypto';

/** A unique PDF as the media-type sniffer sees one (a real signature, random content). */
export const pdf = (size = 2000): Buffer =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(Math.max(0, size - 9))]);

/** A unique PNG: signature and header chunk (a 1×1 image), then noise as an ancillary chunk. */
export const png = (): Buffer =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.from('IHDR'),
    Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde, 0, 0, 0x01, 0xf4]),
    Buffer.from('tEXt'),
    randomBytes(500),
  ]);
