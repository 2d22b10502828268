// HTTP middleware: the bearer token goes to the Attio API base and nowhere else.
import type { BeforeRequestMiddleware } from 'zapier-platform-core';
import { isAttioApiUrl } from './attio/config';

/** Adds `Authorization: Bearer …` to requests for the Attio API only (never OAuth, files or other hosts). */
export const includeBearerToken: BeforeRequestMiddleware = (request, _z, bundle) => {
  const token = bundle.authData?.access_token;
  if (token && isAttioApiUrl(request.url)) {
    request.headers = { ...request.headers, Authorization: `Bearer ${token}` };
  } else if (request.headers) {
    // A header copied from elsewhere must not carry the token to another host either.
    for (const name of Object.keys(request.headers)) {
      if (name.toLowerCase() === 'authorization' && token && request.headers[name]?.includes(token)) {
        delete request.headers[name];
      }
    }
  }
  return request;
};
