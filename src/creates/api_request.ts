// Any Attio endpoint under /v2/, for what the other steps do not cover: the user writes the method, path,
// query and JSON body; the request goes through the shared request layer (the connection's token, Attio's
// API host only, 429 backoff, error messages) and the status, a few headers and the parsed JSON come back.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { attioResponse } from '../attio/request';
import { apiResponseOutputFields } from '../zapier/outputs';
import { inputError } from '../values/parse';
import { API_METHODS, apiBodyInput, apiMethodInput, apiPathInput, apiQueryInput, BODY_METHODS } from '../values/api';
import { WRITE_THROTTLE } from '../zapier/throttle';

const LABELS = { method: 'Method', path: 'Path', query: 'Query Parameters', body: 'Body' } as const;

/** Response headers worth mapping (none of them carries a secret). */
export const RESPONSE_HEADERS = ['content-type', 'date', 'retry-after', 'x-request-id'] as const;

const inputFields = defineInputFields([
  {
    key: 'method',
    label: LABELS.method,
    required: true,
    default: 'GET',
    choices: API_METHODS.map((m) => ({ value: m, label: m, sample: m })),
    helpText: 'The HTTP method of the Attio endpoint.',
  },
  {
    key: 'path',
    label: LABELS.path,
    required: true,
    helpText:
      "The endpoint's path as [Attio's API reference](https://docs.attio.com/rest-api/overview) writes it, starting with `/v2/`, like `/v2/objects/people/records/query`. Only Attio's API can be called: full URLs, `..` and paths outside `/v2/` are refused. Your connection's token is added for you.",
  },
  {
    key: 'query',
    label: LABELS.query,
    dict: true,
    required: false,
    helpText: 'Query string parameters, like `limit` = `10`.',
  },
  {
    key: 'body',
    label: LABELS.body,
    type: 'code',
    required: false,
    helpText: 'A JSON body for POST, PUT and PATCH, like `{"data": {"values": {"name": "Acme"}}}`. Leave empty for GET and DELETE.',
  },
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData as Record<string, unknown>;
  // Everything is checked before the request is sent.
  const method = apiMethodInput(input.method, LABELS.method);
  const path = apiPathInput(input.path, LABELS.path);
  const params = apiQueryInput(input.query, LABELS.query);
  const body = apiBodyInput(input.body, LABELS.body);
  if (body !== undefined && !BODY_METHODS.has(method)) {
    throw inputError(`${LABELS.body} is filled, but a ${method} request has no body. Empty the ${LABELS.body} field, or choose POST, PUT or PATCH.`);
  }
  const response = await attioResponse(
    z,
    {
      method,
      path,
      params,
      ...(body === undefined ? {} : { body }),
      // A plain POST (create) is not retried after a server error: it may have been written.
      action: `send ${method} /v2${path}`,
    },
    RESPONSE_HEADERS,
  );
  return { status: response.status, headers: response.headers, body: response.body };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'api_request',
  noun: 'API Request',
  display: {
    label: 'API Request (Beta)',
    description: "Sends a request to any endpoint of the API with your connection, for what the other actions do not cover.",
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample: {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', date: 'Wed, 15 Jan 2025 10:30:00 GMT' },
      body: {},
    },
    outputFields: apiResponseOutputFields,
  },
});
