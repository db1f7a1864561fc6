import type { ValidationError } from 'class-validator';
import type { Language } from '../i18n/i18n.js';

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
  /**
   * Params and details said in `lang`, for a refusal whose words are more than codes (each refused
   * row with its message, the inputs of a review by their text); the exception filter asks it.
   */
  inLanguage?(lang: Language): { params?: Record<string, unknown>; details?: unknown };

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
  constructor(
    code: 'unauthorized' | 'invalid_credentials' | 'session_expired' = 'unauthorized',
    /** E.g. WWW-Authenticate, for a client that signs in by a scheme of its own. */
    headers: Record<string, string> = {},
  ) {
    super(401, code, {}, undefined, headers);
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

/** One module's refusals: code → HTTP status. Each code has its text `error.<code>` in the locales. */
export type ErrorStatuses = Readonly<Record<string, number>>;

/**
 * The typed errors of one module, from its table of codes: `new DocumentError('document_number_taken',
 * { number })` compiles only with one of the module's codes, the status comes from the table, and
 * `DocumentError.codes` lists them for the test that every code has its texts in both languages.
 * Params stay data; the exception filter translates (see DomainError).
 */
export function domainErrors<const S extends ErrorStatuses>(statuses: S) {
  type Code = keyof S & string;
  return class ModuleError extends DomainError {
    static readonly codes = Object.keys(statuses) as Code[];
    declare readonly code: Code;
    constructor(code: Code, params: Record<string, unknown> = {}, details?: unknown) {
      super(statuses[code], code, params, details);
    }
  };
}

/** 413: a body over the limit of its route (the file limits name theirs: UploadTooLarge, …). */
export class PayloadTooLarge extends DomainError {
  constructor() {
    super(413, 'payload_too_large');
  }
}
