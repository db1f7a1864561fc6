import type { ValidationError } from 'class-validator';

export interface FieldProblem {
  field: string;
  /** The rule that failed (class-validator constraint name or our own). */
  rule: string;
  /** Values the rule names, e.g. the allowed choices. */
  values?: string[];
}

/**
 * Params whose values are words to translate: param name → locale key prefix. A string value `v`
 * reads `<prefix>.<v>`; a list reads each and joins them (`list.none` when empty).
 */
export type TranslatedParams = Readonly<Record<string, string>>;

/**
 * A refusal the user can act on. The message is a key into templates/locales (`error.<code>`),
 * translated by the exception filter (and the page forms, through the same toErrorBody) into the
 * caller's language; `status` is the HTTP status it maps to. Params stay data (codes, numbers,
 * clause numbers): a subclass names in `translated` which of them are words to translate, so no
 * service needs the caller's language.
 */
export class DomainError extends Error {
  readonly translated: TranslatedParams = {};

  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
    /** Response headers the refusal needs, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export type EntityName =
  | 'standard'
  | 'organisation'
  | 'unit'
  | 'assessment'
  | 'evidence'
  | 'finding'
  | 'user'
  | 'report'
  | 'satisfaction_survey'
  | 'risk'
  | 'objective'
  | 'measurement'
  | 'notification'
  | 'document'
  | 'diagnostic'
  | 'audit_programme'
  | 'audit_programme_entry'
  | 'management_review'
  | 'review_decision'
  | 'complaint';

export class NotFound extends DomainError {
  override readonly translated = { entity: 'entity' };
  constructor(entity: EntityName, id: string) {
    super(404, 'not_found', { entity, id });
  }
}

export class InvalidParameter extends DomainError {
  constructor(param: string, kind: 'id' | 'code') {
    super(400, kind === 'id' ? 'invalid_id' : 'invalid_code', { param }, [
      { field: param, rule: kind === 'id' ? 'isUUID' : 'isCode' },
    ]);
  }
}

export class ValidationFailed extends DomainError {
  constructor(readonly problems: FieldProblem[]) {
    super(400, 'validation_failed', { fields: problems.map((p) => p.field).join(', ') }, problems);
  }

  static fromValidator(errors: ValidationError[], prefix = ''): ValidationFailed {
    const problems: FieldProblem[] = [];
    const walk = (list: ValidationError[], path: string): void => {
      for (const e of list) {
        const field = path ? `${path}.${e.property}` : e.property;
        for (const [rule, message] of Object.entries(e.constraints ?? {})) {
          const values = /: (.+)$/.exec(message)?.[1];
          problems.push({
            field,
            rule,
            ...(values && /^(isIn|isEnum)$/.test(rule) ? { values: values.split(', ') } : {}),
          });
        }
        if (e.children?.length) walk(e.children, field);
      }
    };
    walk(errors, prefix);
    return new ValidationFailed(problems);
  }
}

export class Unauthorized extends DomainError {
  constructor(code: 'unauthorized' | 'invalid_credentials' | 'session_expired' = 'unauthorized') {
    super(401, code);
  }
}

export class Forbidden extends DomainError {
  constructor(
    code:
      | 'forbidden'
      | 'account_disabled'
      | 'csrf_invalid'
      | 'no_access_declared'
      | 'out_of_scope' = 'forbidden',
    params: Record<string, unknown> = {},
  ) {
    super(403, code, params);
  }
}

export class TooManyAttempts extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(429, 'too_many_attempts', { minutes: Math.ceil(retryAfterSeconds / 60) }, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

export class Conflict extends DomainError {
  constructor(code: string, params: Record<string, unknown> = {}, details?: unknown) {
    super(409, code, params, details);
  }
}

/** A rule of the domain refuses the request (422). */
export class RuleViolation extends DomainError {
  constructor(code: string, params: Record<string, unknown> = {}, details?: unknown) {
    super(422, code, params, details);
  }
}
