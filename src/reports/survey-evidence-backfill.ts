import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { Unit } from '../organisations/unit.entity.js';
import { SatisfactionSurvey } from '../satisfaction/satisfaction-survey.entity.js';
import { hasSurveyEvidence, SurveyEvidenceService } from './survey-evidence.service.js';

/** Wait after the server starts listening before the first round (let start-up traffic pass). */
export const BACKFILL_START_DELAY_MS = 2_000;
/** Wait before trying again when the renderer was busy or unavailable. */
export const BACKFILL_RETRY_MS = 5 * 60_000;

export interface BackfillRound {
  /** PDFs made and stored in this round. */
  made: number;
  /** Surveys whose evidence was already there (or appeared meanwhile, made by another instance). */
  present: number;
  /** Surveys whose PDF could not be made for another reason (logged; tried again at the next start). */
  failed: number;
  /** Why the round stopped early (a 503 of the renderer), null when it went through every survey. */
  deferred: string | null;
}

/**
 * One pass over the candidates, one at a time: stops at the first busy or unavailable renderer
 * (the rest wait for the next round), logs and skips any other failure.
 */
export async function backfillRound(
  surveyIds: readonly string[],
  makeOne: (surveyId: string) => Promise<'made' | 'present'>,
  options: { stopped?: () => boolean; onFailure?: (surveyId: string, error: unknown) => void } = {},
): Promise<BackfillRound> {
  const round: BackfillRound = { made: 0, present: 0, failed: 0, deferred: null };
  for (const id of surveyIds) {
    if (options.stopped?.()) break;
    try {
      round[await makeOne(id)] += 1;
    } catch (error) {
      if (error instanceof DomainError && error.status === 503) {
        round.deferred = error.code;
        break;
      }
      round.failed += 1;
      options.onFailure?.(id, error);
    }
  }
  return round;
}

/**
 * Gives every survey without its 9.1.2 report PDF (the demo surveys, imports that found the
 * renderer busy) its evidence without anyone asking: once the server listens, in the background,
 * one survey at a time, never on a request's path and never in the seed's transaction. A busy or
 * unavailable renderer defers the rest to a later round. Safe with several instances on one
 * database: the decision is taken again under the unit's lock after the render
 * (SurveyEvidenceService.backfillSurvey). MUTU_SURVEY_EVIDENCE_BACKFILL=false switches it off.
 */
@Injectable()
export class SurveyEvidenceBackfill implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SurveyEvidence');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<BackfillRound> | null = null;
  private stopped = false;
  private next: { promise: Promise<BackfillRound>; resolve: (r: BackfillRound) => void } | null =
    null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evidence: SurveyEvidenceService,
    private readonly adapter: HttpAdapterHost,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.surveyEvidenceBackfill) return;
    const server = this.adapter.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    if (server.listening) this.schedule(BACKFILL_START_DELAY_MS);
    else server.once('listening', () => this.schedule(BACKFILL_START_DELAY_MS));
  }

  /** The round scheduled or running now (tests and operators wait for it); null when none is. */
  pending(): Promise<BackfillRound> | null {
    return this.current ?? this.next?.promise ?? null;
  }

  /** The surveys that have no report PDF for their latest import, oldest first. */
  async candidates(): Promise<string[]> {
    const surveys = await this.db
      .getRepository(SatisfactionSurvey)
      .createQueryBuilder('s')
      .innerJoin(Unit, 'u', 'u.id = s.unitId')
      .where('u.withdrawnAt IS NULL')
      .select(['s.id', 's.unitId', 's.updatedAt'])
      .orderBy('s.createdAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    const missing: string[] = [];
    for (const s of surveys) if (!(await hasSurveyEvidence(this.db.manager, s))) missing.push(s.id);
    return missing;
  }

  /** One round now (also what the timer runs); a round already running is joined, not doubled. */
  runNow(): Promise<BackfillRound> {
    this.current ??= this.round().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    let resolve!: (r: BackfillRound) => void;
    const promise = new Promise<BackfillRound>((r) => (resolve = r));
    this.next = { promise, resolve };
    this.timer = setTimeout(() => {
      this.timer = null;
      const waiting = this.next;
      this.next = null;
      void this.runNow().then((r) => waiting?.resolve(r));
    }, ms);
    this.timer.unref();
  }

  private async round(): Promise<BackfillRound> {
    const empty: BackfillRound = { made: 0, present: 0, failed: 0, deferred: null };
    let ids: string[];
    try {
      ids = await this.candidates();
    } catch (error) {
      this.logger.warn(
        `Survey evidence backfill could not list surveys, will try again: ${text(error)}`,
      );
      this.schedule(BACKFILL_RETRY_MS);
      return { ...empty, deferred: 'database' };
    }
    if (ids.length === 0) return empty;
    this.logger.log(`Making the evidence PDF of ${ids.length} survey(s) that have none`);
    const round = await backfillRound(
      ids,
      async (id) =>
        (await this.evidence.backfillSurvey(id, 'id')) === 'present' ? 'present' : 'made',
      {
        stopped: () => this.stopped,
        // A render cut by the shutdown is not a failure worth an error line.
        onFailure: (id, error) =>
          this.stopped
            ? this.logger.warn(`Survey ${id}: evidence PDF left for the next start (shutting down)`)
            : this.logger.error(`Survey ${id}: evidence PDF not made: ${text(error)}`),
      },
    );
    const done = `made ${round.made}, already present ${round.present}, failed ${round.failed}`;
    if (round.deferred) {
      this.logger.warn(
        `Survey evidence backfill: ${done}; renderer ${round.deferred}, trying the rest again in ${BACKFILL_RETRY_MS / 60_000} min`,
      );
      this.schedule(BACKFILL_RETRY_MS);
    } else this.logger.log(`Survey evidence backfill: ${done}`);
    return round;
  }

  /** Before the renderer and the database close: no new round, the running one finishes its survey. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.next?.resolve({ made: 0, present: 0, failed: 0, deferred: 'shutdown' });
    this.next = null;
    await this.current?.catch(() => undefined);
  }
}

const text = (error: unknown): string => (error instanceof Error ? error.message : String(error));
