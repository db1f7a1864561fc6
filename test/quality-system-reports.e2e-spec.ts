import request from 'supertest';
import { Clock } from '../src/common/clock.js';
import { formatPercent } from '../src/common/numbers.js';
import { bearer, login, type Session } from './support/auth.js';
import { binaryBody, readPdf, type PdfFacts } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { describeDb } from './support/test-db.js';

/** The demo's audit programme is the one of 2026: the reports are read as of 1 December 2026. */
const AS_OF = new Date('2026-12-01T03:00:00Z');

interface Unit {
  id: string;
  code: string;
  name: string;
}

/** The text from the last occurrence of a heading (the chapter, not its table-of-contents line). */
const after = (text: string, heading: string): string => {
  const start = text.lastIndexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start);
};

describeDb('quality system in the management summary and the gap report', () => {
  let t: TestApp;
  let admin: Session;
  let management: Session;
  let officerSetda: Session;
  let organisationId: string;
  const units: Record<string, Unit> = {};

  const get = (s: Session, path: string) => request(t.server).get(path).set(bearer(s));
  const pdfOf = async (s: Session, path: string): Promise<PdfFacts> => {
    const res = await get(s, path).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return readPdf(res.body as Buffer);
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(Clock).now = () => new Date(AS_OF);
    [admin, management, officerSetda] = await Promise.all(
      ['admin', 'management', 'officer.setda'].map((u) => login(t.server, u)),
    );
    [{ id: organisationId }] = (await get(admin, '/api/organisations').expect(200)).body as {
      id: string;
    }[];
    for (const u of (await get(admin, `/api/organisations/${organisationId}/units`).expect(200))
      .body as Unit[])
      units[u.code] = u;
  });
  afterAll(async () => {
    if (t) t.app.get(Clock).now = Clock.prototype.now;
    await t?.close();
  });

  /** The figures each unit's table must show, read from the records' own APIs. */
  const expected = async (unit: Unit) => {
    const risks = (await get(admin, `/api/units/${unit.id}/risks`).expect(200)).body as {
      kind: string;
      level: string;
      treatment: string | null;
    }[];
    const high = risks.filter((r) => r.kind === 'risk' && ['high', 'extreme'].includes(r.level));
    const objectives = (await get(admin, `/api/units/${unit.id}/objectives`).expect(200)).body as {
      state: string;
    }[];
    const complaints = (await get(admin, `/api/units/${unit.id}/complaints/metrics`).expect(200))
      .body as {
      period: string;
      received: number;
      overdue: number;
      resolution: { withinLimit: number | null };
    };
    return {
      high: high.length,
      untreated: high.filter((r) => !r.treatment).length,
      on: objectives.filter((o) => o.state === 'on_track').length,
      off: objectives.filter((o) => o.state === 'off_track').length,
      none: objectives.filter((o) => o.state === 'no_data').length,
      complaints,
    };
  };

  it('shows each unit’s audit, review, risks, objectives and complaints in the summary (Indonesian)', async () => {
    const pdf = await pdfOf(management, `/api/organisations/${organisationId}/summary.pdf`);
    // After the ISO 18091 diagnostic (6), which the management role may read.
    expect(pdf.outline).toContain('7 Sistem manajemen mutu');
    const section = pdf.flat.slice(pdf.flat.lastIndexOf('Sistem manajemen mutu'));
    expect(section).toContain('Audit internal 2026');
    expect(section).toContain('Pengaduan 2026-S2');

    // Each unit's table runs from its heading ("Name CODE") to the next unit's.
    const starts = Object.values(units)
      .map((u) => ({ code: u.code, at: section.indexOf(`${u.name} ${u.code}`) }))
      .sort((a, b) => a.at - b.at);
    expect(starts.every((s) => s.at >= 0)).toBe(true);
    const tables: Record<string, string> = Object.fromEntries(
      starts.map((s, i) => [s.code, section.slice(s.at, starts[i + 1]?.at)]),
    );

    // The demo's story: Dukcapil audited in July and reviewed on 20 August 2026 (closed);
    // Setda's audit postponed, BKD's planned for December; RSUD's review still a draft.
    expect(tables.DUKCAPIL).toContain('Audit internal 2026 Selesai');
    expect(tables.DUKCAPIL).toContain('Tinjauan manajemen terakhir 20 Agustus 2026 · ditutup');
    // Its revised-SOP action was due on 30 November 2026: overdue on 1 December.
    expect(tables.DUKCAPIL).toContain('Tindakan tinjauan 1 terbuka, 1 terlambat');
    expect(tables.SETDA).toContain('Audit internal 2026 Ditunda');
    expect(tables.BKD).toContain('Audit internal 2026 Direncanakan');
    expect(tables.RSUD).toContain('25 November 2026 · draf');

    for (const code of Object.keys(tables)) {
      const e = await expected(units[code]);
      expect(tables[code]).toContain(
        `${e.high} tinggi/sangat tinggi, ${e.untreated} belum ditangani`,
      );
      expect(tables[code]).toContain(
        `${e.on} sesuai target, ${e.off} belum sesuai, ${e.none} belum diukur`,
      );
      expect(e.complaints.period).toBe('2026-S2');
      if (e.complaints.received === 0) expect(tables[code]).toContain('Tidak ada pengaduan');
      else
        expect(tables[code]).toContain(
          `${e.complaints.received} diterima, ${formatPercent(e.complaints.resolution.withinLimit, 'id')} selesai dalam batas waktu, ${e.complaints.overdue} terbuka melewati batas`,
        );
    }
    // The demo has complaints and high risks: the figures above are not all zeros.
    expect(tables.DUKCAPIL).not.toContain('Tidak ada pengaduan');
    expect((await expected(units.RSUD)).high).toBeGreaterThan(0);
  });

  it('speaks English on request, with English dates and decimal points', async () => {
    const pdf = await pdfOf(management, `/api/organisations/${organisationId}/summary.pdf?lang=en`);
    expect(pdf.outline).toContain('7 Quality management system');
    const section = pdf.flat.slice(pdf.flat.lastIndexOf('Quality management system'));
    expect(section).toContain('Internal audit 2026 Done');
    expect(section).toContain('Last management review 20 August 2026 · closed');
    expect(section).toContain('Internal audit 2026 Postponed');
    const e = await expected(units.DUKCAPIL);
    expect(section).toContain(
      `${e.complaints.received} received, ${formatPercent(e.complaints.resolution.withinLimit, 'en')} resolved within the limit`,
    );
  });

  it('shows a unit officer only their own unit', async () => {
    const pdf = await pdfOf(officerSetda, `/api/organisations/${organisationId}/summary.pdf`);
    // No diagnostic for a unit officer: the section is the sixth.
    expect(pdf.outline).toContain('6 Sistem manajemen mutu');
    const section = pdf.flat.slice(pdf.flat.lastIndexOf('Sistem manajemen mutu'));
    expect(section).toContain(units.SETDA.name);
    expect(section).not.toContain(`${units.DUKCAPIL.name} DUKCAPIL`);
    expect(section).not.toContain('20 Agustus 2026');
  });

  it('gives the gap report a chapter on the internal audit and the management review', async () => {
    const unit = units.DUKCAPIL;
    const cycles = (await get(admin, `/api/units/${unit.id}/assessments`).expect(200)).body as {
      id: string;
      type: string;
      state: string;
      title: string;
    }[];
    const audit = cycles.find((c) => c.type === 'internal_audit' && c.state === 'reported');
    expect(audit).toBeDefined();
    const pdf = await pdfOf(admin, `/api/assessments/${cycles[0].id}/report.pdf`);
    const heading = pdf.outline.find((o) => o.endsWith('Audit internal dan tinjauan manajemen'));
    expect(heading).toBeDefined();
    const chapter = after(pdf.flat, heading!);
    expect(chapter).toContain('Program audit internal (9.2)');
    expect(chapter).toContain('13 Juli 2026 – 15 Juli 2026');
    expect(chapter).toContain('Selesai');
    expect(chapter).toContain(`Audit internal terakhir yang dilaporkan ${audit!.title}`);
    expect(chapter).toContain(
      'Rapat Tinjauan Manajemen Disdukcapil 2026 (demo), 20 Agustus 2026, dipimpin oleh Kepala Dinas Kependudukan dan Pencatatan Sipil (demo) (ditutup); 12 dari 12 masukan 9.3.2 dibahas.',
    );
    expect(chapter).toContain('Menambah satu loket perekaman KTP-el pada hari Senin (demo)');
    expect(chapter).toContain('Tindakan selesai');
    expect(chapter).toContain('Koordinator Mutu 30 November 2026 Tindakan melewati batas waktu');
  });

  it('names the inputs a draft review has not discussed, in English on request', async () => {
    const unit = units.RSUD;
    const [current] = (await get(admin, `/api/units/${unit.id}/assessments`).expect(200)).body as {
      id: string;
    }[];
    const pdf = await pdfOf(admin, `/api/assessments/${current.id}/report.pdf?lang=en`);
    const heading = pdf.outline.find((o) => o.endsWith('Internal audit and management review'));
    expect(heading).toBeDefined();
    const chapter = after(pdf.flat, heading!);
    expect(chapter).toContain('9 November 2026 – 11 November 2026');
    expect(chapter).toContain('25 November 2026');
    expect(chapter).toContain('(draft); 10 of 12 9.3.2 inputs discussed.');
    expect(chapter).toContain('Inputs not discussed');
    expect(chapter).toContain('No internal audit has been reported for this unit yet.');
  });
});
