// Response shapes for the OpenAPI document. Each class `implements` the view interface the service
// returns, so a field added to a view without its response class fails the typecheck. Only the
// property declarations matter: the @nestjs/swagger plugin (scripts/openapi-metadata.js) reads
// their types, and nothing constructs these classes.
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
  /** What exactly was refused, e.g. [{field, rule, values?, message}] for validation. */
  details?: unknown;
  /** The request id to quote to the administrator, when the server assigns one. */
  requestId?: string;
}
