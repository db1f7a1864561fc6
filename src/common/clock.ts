import { Injectable } from '@nestjs/common';

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
