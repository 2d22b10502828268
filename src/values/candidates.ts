// Several records where one was expected (Delete Record by attribute, Create Record's Match On): the
// part of the error message that lists them, so the user can see which ones and open them in Attio.
import type { AttioRecord } from '../attio/types';
import { recordLabel } from './read';

/** How many candidates a message lists; more are counted. */
export const CANDIDATES_SHOWN = 5;

/**
 * `"Acme renewal" (ID …, https://app.attio.com/…); …`: at most CANDIDATES_SHOWN, then how many more.
 * @param hasMore Attio may hold more than `records` (the query asked for a limited number)
 */
export function candidateList(records: readonly AttioRecord[], hasMore = false): string {
  const shown = records.slice(0, CANDIDATES_SHOWN).map((r) => `"${recordLabel(r)}" (ID ${r.id.record_id}, ${r.web_url})`);
  const rest = records.length - shown.length;
  const more = rest > 0 ? `; and ${hasMore ? 'at least ' : ''}${rest} more` : hasMore ? '; and more' : '';
  return `${shown.join('; ')}${more}`;
}
