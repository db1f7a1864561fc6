import { Param, type PipeTransform } from '@nestjs/common';
import { InvalidParameter } from '../common/domain-error.js';

const CLAUSE_NUMBER = /^\d{1,3}(\.\d{1,3}){0,5}$/;

class ClauseNumberPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!CLAUSE_NUMBER.test(value)) throw new InvalidParameter(this.name, 'code');
    return value;
  }
}

/** A clause number such as 7.1.5.2 in the path; anything else is a 400 naming the parameter. */
export const ClauseNumberParam = (name = 'number'): ParameterDecorator =>
  Param(name, new ClauseNumberPipe(name));
