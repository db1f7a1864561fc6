import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  type SchemaObject,
} from '@nestjs/swagger';

/**
 * The OpenAPI side of a route that takes a file: a multipart form (optionally JSON instead, for a
 * record without a file) with these fields, answering 201 with the created record. The intake
 * itself is the evidence store's streamed upload (evidence/upload-intake.ts).
 */
export const UploadRoute = (route: {
  summary: string;
  required: string[];
  properties: Record<string, SchemaObject>;
  created: Type;
  /** The same fields may come as JSON (a record without a file). */
  json?: boolean;
}): MethodDecorator =>
  applyDecorators(
    ApiOperation({ summary: route.summary }),
    ApiConsumes('multipart/form-data', ...(route.json ? ['application/json'] : [])),
    ApiBody({
      schema: { type: 'object', required: route.required, properties: route.properties },
    }),
    ApiCreatedResponse({ type: route.created }),
  );
