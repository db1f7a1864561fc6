import { ApiOkResponse } from '@nestjs/swagger';

/** A 200 answering file bytes, in the media types the route's @ApiProduces names. */
export const ApiFileResponse = (description: string): MethodDecorator =>
  ApiOkResponse({ description, schema: { type: 'string', format: 'binary' } });
