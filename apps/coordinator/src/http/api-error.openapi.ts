import { apiErrorSchema } from '@attune/core/api/responses';
import { openApiSchemaOf } from './openapi-schema-of';

/** The body of every failed request, as the docs show it beside each route's error statuses. */
export const API_ERROR_SCHEMA = openApiSchemaOf(apiErrorSchema);
