import { Param, type PipeTransform } from '@nestjs/common';
import { InvalidParameter } from './domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

class MatchPipe implements PipeTransform<string, string> {
  constructor(
    private readonly param: string,
    private readonly pattern: RegExp,
    private readonly kind: 'id' | 'code',
  ) {}

  transform(value: string): string {
    if (!this.pattern.test(value)) throw new InvalidParameter(this.param, this.kind);
    return this.kind === 'id' ? value.toLowerCase() : value;
  }
}

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id'): ParameterDecorator =>
  Param(name, new MatchPipe(name, UUID, 'id'));

/** A route parameter that must be a code such as iso-9001-2015 or SETDA. */
export const CodeParam = (name = 'code'): ParameterDecorator =>
  Param(name, new MatchPipe(name, CODE, 'code'));
