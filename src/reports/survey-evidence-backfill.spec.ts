import { DomainError } from '../common/domain-error.js';
import { backfillRound } from './survey-evidence-backfill.js';
import { BrowserUnavailableError, RenderQueueFullError } from '../rendering/render-errors.js';

describe('survey evidence backfill round', () => {
  it('goes through the surveys one at a time, counting what it made and what was there', async () => {
    const seen: string[] = [];
    let running = 0;
    const round = await backfillRound(['a', 'b', 'c'], async (id) => {
      running += 1;
      expect(running).toBe(1);
      seen.push(id);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return id === 'b' ? 'present' : 'made';
    });
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(round).toEqual({ made: 2, present: 1, failed: 0, deferred: null });
  });

  it.each([
    ['busy', new RenderQueueFullError(5), 'render_queue_full'],
    ['missing', new BrowserUnavailableError('No Chromium.'), 'browser_unavailable'],
  ])('stops at a %s renderer and leaves the rest for a later round', async (_what, error, code) => {
    const seen: string[] = [];
    const round = await backfillRound(['a', 'b', 'c'], (id) => {
      seen.push(id);
      if (id === 'b') return Promise.reject(error);
      return Promise.resolve('made');
    });
    expect(seen).toEqual(['a', 'b']);
    expect(round).toEqual({ made: 1, present: 0, failed: 0, deferred: code });
  });

  it('logs any other failure and goes on with the next survey', async () => {
    const failures: string[] = [];
    const round = await backfillRound(
      ['a', 'b', 'c'],
      (id) =>
        id === 'a'
          ? Promise.reject(new DomainError(422, 'clause_foreign'))
          : Promise.resolve('made'),
      { onFailure: (id, e) => failures.push(`${id}: ${(e as Error).message}`) },
    );
    expect(round).toEqual({ made: 2, present: 0, failed: 1, deferred: null });
    expect(failures).toEqual(['a: clause_foreign']);
  });

  it('stops between surveys when the application shuts down', async () => {
    let stopped = false;
    const round = await backfillRound(
      ['a', 'b', 'c'],
      () => {
        stopped = true;
        return Promise.resolve('made');
      },
      { stopped: () => stopped },
    );
    expect(round.made).toBe(1);
  });
});
