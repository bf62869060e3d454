export { ajvFieldErrors, compileJsonSchema, dottedPath, openApiToJsonSchema } from './openapi-json-schema.ts';
