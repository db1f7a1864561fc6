// Response shapes for the OpenAPI document. Each class `implements` the view interface the service
// returns, so a field added to a view without its response class fails the typecheck. Only the
// property declarations matter: the @nestjs/swagger plugin (scripts/openapi-metadata.js) reads
// their types, and nothing constructs these classes.
import { ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { FieldProblem } from '../common/domain-error.js';
import type { LocalisedText } from '../standards/catalogue.js';

export class LocalisedTextResponse implements LocalisedText {
  /** Bahasa Indonesia */
  id!: string;
  /** English */
  en!: string;
}

export class LocalisedListResponse {
  id!: string[];
  en!: string[];
}

export class PersonRefResponse {
  id!: string;
  displayName!: string;
}

export class ClauseRefResponse {
  number!: string;
  title!: LocalisedTextResponse;
}

/** The paging fields every paginated list answers with, beside its `items`. */
export class PageFieldsResponse {
  total!: number;
  page!: number;
  pageSize!: number;
}

/** One refused field of a validation error. */
export class FieldProblemResponse implements FieldProblem {
  /** The field, dotted for nested ones (e.g. clauses.0). */
  field!: string;
  /** The rule that failed, e.g. isUUID, maxLength, isIn. */
  rule!: string;
  /** Values the rule names, e.g. the allowed choices. */
  values?: string[];
  /** The problem in the caller's language. */
  message?: string;
}

/** The one JSON error shape (DESIGN.md), produced by AllExceptionsFilter for every refusal. */
export class ErrorBodyResponse {
  /** The HTTP status, repeated. */
  statusCode!: number;
  /** The HTTP status name, e.g. NOT_FOUND. */
  error!: string;
  /** Stable machine-readable reason, e.g. validation_failed, not_found, out_of_scope. */
  code!: string;
  /** Human-readable message in the caller's language (Bahasa Indonesia by default). */
  message!: string;
  @ApiPropertyOptional({
    description:
      'What exactly was refused: the fields for a validation error, otherwise an object named by the code',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(FieldProblemResponse) } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: FieldProblemResponse[] | Record<string, unknown>;
  /** The request id to quote to the administrator, when the server assigns one. */
  requestId?: string;
}
