// The Attio app for Zapier: every trigger, action and search is registered here.
import zapier, { defineApp } from 'zapier-platform-core';
import authentication from './authentication';
import { includeBearerToken } from './middleware';
import listLists from './triggers/list_lists';
import listObjects from './triggers/list_objects';

// Not imported: package.json sits outside src/, and dist/index.js finds it at the same relative path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require('../package.json') as { version: string };

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [includeBearerToken],
  afterResponse: [],
  triggers: {
    [listObjects.key]: listObjects,
    [listLists.key]: listLists,
  },
  creates: {
  },
  searches: {
  },
  searchOrCreates: {
  },
});
