// Subscribing heals what a lost response left behind. Attio shows a webhook's signing secret only in the
// answer to its creation; when that answer is lost (a 5xx, a timeout, a reset) Attio may still have created
// the webhook, an orphan whose deliveries the app can never verify, and Attio refuses a second webhook with
// the same target URL, event type and filter (409 `uniqueness_conflict`). So: create first (the usual case
// costs nothing extra); on a lost answer or that 409, list the workspace's webhooks, delete every one aimed
// at this Zap's target URL (Zapier gives each subscription its own URL, and a webhook whose secret the app
// does not hold is of no use to it), and create a fresh one. An orphan is never reused: its secret is unknown.
import type { ZObject } from 'zapier-platform-core';
import { createWebhook, deleteWebhook, listWebhooks } from '../../attio/endpoints';
import { clock, isUnknownOutcome } from '../../attio/request';
import { SETTLE_MS } from '../../attio/recover';
import type { AttioErrorBody, AttioWebhook, AttioWebhookSubscription } from '../../attio/types';

/** GET /v2/webhooks pages (Attio's maximum is 100); up to 1,000 webhooks are looked through. */
const PAGE = 100;
const MAX_PAGES = 10;

const isDuplicate = (status: number, body: AttioErrorBody | undefined): boolean => status === 409 && body?.code === 'uniqueness_conflict';

/** Every webhook in the workspace aimed at `targetUrl`. */
export async function webhooksAimedAt(z: ZObject, targetUrl: string): Promise<AttioWebhook[]> {
  const found: AttioWebhook[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const hooks = await listWebhooks(z, PAGE, page * PAGE);
    found.push(...hooks.filter((h) => h.target_url === targetUrl));
    if (hooks.length < PAGE) break;
  }
  return found;
}

/**
 * POST /v2/webhooks, healing an orphan left by an earlier lost answer. Requests: 1 normally; after a lost
 * answer or a duplicate refusal, + the webhook list (1 page per 100 webhooks) + 1 delete per orphan + 1 create.
 */
export async function createWebhookHealing(z: ZObject, targetUrl: string, subscriptions: AttioWebhookSubscription[]): Promise<AttioWebhook> {
  let duplicate: Error | undefined;
  try {
    return await createWebhook(z, targetUrl, subscriptions, (status, body) =>
      isDuplicate(status, body) ? (duplicate = new z.errors.Error('Attio already has a webhook for this Zap.', 'uniqueness_conflict', 409)) : undefined,
    );
  } catch (err) {
    const lost = isUnknownOutcome(err);
    if (!lost && (duplicate === undefined || err !== duplicate)) throw err;
    // Give Attio a moment to finish a creation whose answer was lost, so the list shows it.
    if (lost) await clock.sleep(SETTLE_MS);
    const orphans = await webhooksAimedAt(z, targetUrl);
    await Promise.all(orphans.map((hook) => deleteWebhook(z, hook.id.webhook_id)));
    z.console.log(
      `${lost ? "Attio's answer to the subscription was lost" : 'Attio already had a webhook for this Zap'}: removed ${orphans.length} webhook(s) for this Zap's URL whose signing secret the app never received, and subscribed afresh.`,
    );
  }
  return createWebhook(z, targetUrl, subscriptions, (status, body) =>
    isDuplicate(status, body)
      ? new z.errors.Error(
          "Attio still has a webhook for this Zap's URL that this connection could not remove (it may have been created with another connection). Delete it in Attio (Settings → Developers → Webhooks), then turn the Zap on again.",
          'uniqueness_conflict',
          409,
        )
      : undefined,
  );
}
