import { ALLOWED_MEDIA_TYPES } from './media-type.js';
import { inlinePolicy } from './file-download.js';

describe('inlinePolicy', () => {
  it.each([
    [
      'application/pdf',
      "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    ],
    [
      'image/png',
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
    ],
    [
      'image/jpeg',
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
    ],
    [
      'image/webp',
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
    ],
  ])('shows %s in place under its own policy', (type, policy) => {
    expect(inlinePolicy(type)).toBe(policy);
  });

  it.each([
    ...ALLOWED_MEDIA_TYPES.filter((t) => t !== 'application/pdf' && !t.startsWith('image/')),
    'image/svg+xml',
    'text/html',
    'application/xhtml+xml',
    'image/gif', // never sniffed, so never stored
    'constructor',
    'toString',
  ])('always downloads %s', (type) => {
    expect(inlinePolicy(type)).toBeNull();
  });
});
