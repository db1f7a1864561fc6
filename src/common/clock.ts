import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The current instant, injectable so that a test can move time (evidence expiring, an action
 * falling due) without waiting: `app.get(Clock).now = () => later`.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** One Clock for the whole application, so that moving it moves every module's time. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
