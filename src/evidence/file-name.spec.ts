import { asciiFileName, contentDisposition, sanitiseFileName } from './file-name.js';

describe('sanitiseFileName', () => {
  it.each([
    ['SK Tim SMM 2026.pdf', 'SK Tim SMM 2026.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['C:\\Users\\Yanti\\Documents\\notulen.docx', 'notulen.docx'],
    ['/var/www/../.ssh/authorized_keys', 'authorized_keys'],
    ['..', 'file'],
    ['.', 'file'],
    ['../', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['.htaccess', 'htaccess'],
    ['laporan.pdf...', 'laporan.pdf'],
    ['nota\u0000dinas.pdf', 'notadinas.pdf'],
    ['nota\r\nSet-Cookie: x=1.pdf', 'notaSet-Cookie: x=1.pdf'],
    ['rapat\tpimpinan\u007f.pdf', 'rapatpimpinan.pdf'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['zero\u200bwidth.txt', 'zerowidth.txt'],
    ['lone \ud800 surrogate.txt', 'lone surrogate.txt'],
    ['  banyak    spasi .csv ', 'banyak spasi .csv'],
    ['Notulen Tinjauan Manajemen – Déc 2026.pdf', 'Notulen Tinjauan Manajemen – Déc 2026.pdf'],
    ['日本語の資料.pdf', '日本語の資料.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('composes decomposed accents (NFC), so the same name is stored the same way', () => {
    expect(sanitiseFileName('Pe\u0301rez.pdf')).toBe('P\u00e9rez.pdf');
  });

  it('treats null and undefined as no name', () => {
    expect(sanitiseFileName(undefined)).toBe('file');
    expect(sanitiseFileName(null)).toBe('file');
  });

  it('cuts a long name to 255 characters and keeps its extension', () => {
    const long = `${'a'.repeat(300)}.pdf`;
    const cut = sanitiseFileName(long);
    expect(Array.from(cut)).toHaveLength(255);
    expect(cut.endsWith('.pdf')).toBe(true);
  });

  it('never cuts a character in half', () => {
    const cut = sanitiseFileName('😀'.repeat(300));
    expect(Array.from(cut)).toHaveLength(255);
    expect(cut).toBe('😀'.repeat(255));
  });
});

describe('asciiFileName', () => {
  it.each([
    ['laporan.pdf', 'laporan.pdf'],
    ['Déc é à ñ.pdf', 'Dec e a n.pdf'],
    ['資料.pdf', '__.pdf'],
    ['say "hi" \\ 100%.txt', 'say _hi_ _ 100_.txt'],
    ['資料', '__'],
  ])('%j → %j', (name, expected) => {
    expect(asciiFileName(name)).toBe(expected);
  });
});

describe('contentDisposition', () => {
  it('sends an attachment with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987)', () => {
    expect(contentDisposition('Notulen – Déc 2026.pdf')).toBe(
      `attachment; filename="Notulen _ Dec 2026.pdf"; filename*=UTF-8''Notulen%20%E2%80%93%20D%C3%A9c%202026.pdf`,
    );
  });

  it('percent-encodes what RFC 5987 does not allow, including quotes and parentheses', () => {
    expect(contentDisposition(`it's (final) *v2*;x=1.pdf`)).toBe(
      `attachment; filename="it's (final) *v2*;x=1.pdf"; filename*=UTF-8''it%27s%20%28final%29%20%2Av2%2A%3Bx%3D1.pdf`,
    );
  });

  it('cannot be used to inject a header or break out of the quoted string', () => {
    const header = contentDisposition('a"\r\nX-Evil: 1".pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a_X-Evil: 1_.pdf"; filename*=UTF-8''a%22X-Evil%3A%201%22.pdf`,
    );
  });

  it('names the file the same way when it is shown in place', () => {
    expect(contentDisposition('Notulen – Déc 2026.pdf', 'inline')).toBe(
      `inline; filename="Notulen _ Dec 2026.pdf"; filename*=UTF-8''Notulen%20%E2%80%93%20D%C3%A9c%202026.pdf`,
    );
    expect(contentDisposition('../a"\r\n.png', 'inline')).toBe(
      `inline; filename="a_.png"; filename*=UTF-8''a%22.png`,
    );
  });

  it('never names a path, even for a hostile name', () => {
    expect(contentDisposition('../../etc/passwd')).toBe(
      `attachment; filename="passwd"; filename*=UTF-8''passwd`,
    );
  });

  it('falls back to "file" for a name with nothing left', () => {
    expect(contentDisposition('\u0000\u0001')).toBe(
      `attachment; filename="file"; filename*=UTF-8''file`,
    );
  });
});
