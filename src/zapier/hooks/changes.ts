// The change triggers' plumbing (Updated Record, Updated List Entry), on top of the shared hook pieces:
// subscribe with the watched attributes' ids so unrelated edits never leave Attio; per delivery, drop the
// changes of ignored writers before any request, coalesce the events of one record into one run, read the
// record and each changed attribute's history at once, and pass on only states this Zap has not seen.
// With Changed To, that history also shows a chosen option entered and left before the run looked (a deal
// moved to Won and on at once): each such stay is passed on once, as its own run (lookAtStays).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { attributeCatalog, catalogOf, rememberCatalog, type AttributeCatalog, type AttributeInfo } from '../../attio/attributes';
import { actorOutput, actorText, describeActors, isOwnActor, type ReadableActor } from '../../attio/actors';
import { listAttributes, queryRecords } from '../../attio/endpoints';
import type { AttioCall } from '../../attio/request';
import type { ActorReference, AttioValue, AttioValues, AttioWebhookEvent } from '../../attio/types';
import {
  choiceEntries,
  choiceId,
  compareInstants,
  enteredChoices,
  instantBefore,
  lastChange,
  newestInstant,
  referencedActorKey,
  referencedRecordKey,
  stateOf,
  valuesText,
  type ChoiceEntry,
  type LastChange,
} from '../../values/changes';
import { recordText } from '../../values/events';
import { booleanInput, chosenValue, invalidInput, isUuid, listInput } from '../../values/parse';
import { isoTimestamp, type Flat, type FlatRecord } from '../../values/read';
import { CHANGE_INPUTS } from '../fields/dynamic';
import { chosenScope, claimEvents, freshEvents, makeSubscribe, performUnsubscribe, receive, type HookScope } from './index';
import { claimStay, commitState, fingerprint, forgetState, isNewState, lastLook, rememberLook, stateKey, stayKey } from './state';
import { guardSecrets } from '../secrets';

/** The current state of a record or entry, and its output as the instant triggers give it. */
export interface Loaded {
  /** The record or entry id. */
  subjectId: string;
  values: AttioValues;
  output: FlatRecord;
  /** For a sample candidate read without everything (an entry's parent): the full output, or null when gone. */
  complete?: (z: ZObject) => Promise<FlatRecord | null>;
}

/** What differs between the record and the list-entry change triggers. */
export interface ChangeSource extends HookScope {
  input: 'object' | 'list';
  scopeKey: 'object_id' | 'list_id';
  target: 'objects' | 'lists';
  /** The key of the changed record or entry in an event's `id`. */
  subjectKey: 'record_id' | 'entry_id';
  /** The object's or list's UUID when it has no attributes to read it from. One request. */
  scopeIdOf(z: ZObject, slug: string): Promise<string>;
  /** One event's record or entry, read now; null when it is gone (deleted before we looked). */
  load(z: ZObject, event: AttioWebhookEvent, slug: string): Promise<Loaded | null>;
  /**
   * Every value one attribute ever held, oldest first (show_historic); null when the subject is gone.
   * `explain` is passed to the request: it turns the 400 of an attribute without history into NoHistory.
   */
  history(z: ZObject, args: { scopeId: string; subjectId: string; attribute: string; offset?: number; explain: AttioCall['explain'] }): Promise<AttioValue[] | null>;
  /** Candidates for the editor's sample: a page of recent records or entries. One request. */
  recent(z: ZObject, slug: string): Promise<Loaded[]>;
}

/** One changed attribute as the output lists it. */
export interface ChangeItem {
  attribute: string;
  title: string;
  previous: string | null;
  current: string | null;
  [key: string]: Flat;
}

/** The keys every run adds to the record or entry (perform and performList alike). */
export type ChangeKeys = {
  changed_attributes: string[];
  changes: ChangeItem[];
  changed_at: string | null;
} & ReturnType<typeof actorOutput<'changed_by'>>;

/** The sample's change keys when a record shows no change to describe: same keys, empty values. */
export const NO_CHANGE: ChangeKeys = { changed_attributes: [], changes: [], ...actorOutput('changed_by', null), changed_at: null };

interface Options {
  ignoreOwn: boolean;
  ignoreSystem: boolean;
  /** Option or status ids; empty: any value. */
  changedTo: string[];
}

function optionsOf(bundle: Bundle): Options {
  const input = bundle.inputData as Record<string, unknown>;
  return {
    ignoreOwn: booleanInput(input[CHANGE_INPUTS.ignoreOwn.key], CHANGE_INPUTS.ignoreOwn.label, true),
    ignoreSystem: booleanInput(input[CHANGE_INPUTS.ignoreSystem.key], CHANGE_INPUTS.ignoreSystem.label, true),
    changedTo: listInput(input[CHANGE_INPUTS.changedTo.key]),
  };
}

/** The watched attribute slugs (empty: any attribute). */
export function watchedSlugs(bundle: Bundle): string[] {
  return [...new Set(listInput((bundle.inputData as Record<string, unknown>)[CHANGE_INPUTS.attributes.key]))];
}

/** True when `changed_to` applies: exactly one attribute watched, and it is a select or status. */
export function isChoiceWatch(watched: readonly AttributeInfo[]): boolean {
  return watched.length === 1 && (watched[0]?.type === 'select' || watched[0]?.type === 'status');
}

/** Which writers a run ignores, decided from the actor alone: no request but GET /v2/self (cached). */
async function ignoredActor(z: ZObject, actor: ActorReference | null | undefined, options: Options): Promise<string | undefined> {
  if (!actor?.type) return undefined;
  if (actor.type === 'system') return options.ignoreSystem ? 'made by Attio itself' : undefined;
  if (options.ignoreOwn && (await isOwnActor(z, actor))) return 'made through this Attio connection';
  return undefined;
}

/** Attio keeps no history of this attribute (it answers 400 for enriched and communication attributes). */
class NoHistory extends Error {}
const noHistory: AttioCall['explain'] = (status) => (status === 400 ? new NoHistory('no value history') : undefined);

/** An attribute's history, or undefined when Attio keeps none for it: the run goes on without a previous value. */
async function historyOrNone(source: ChangeSource, z: ZObject, scopeId: string, subjectId: string, attribute: string, offset = 0): Promise<AttioValue[] | null | undefined> {
  try {
    return await source.history(z, { scopeId, subjectId, attribute, offset, explain: noHistory });
  } catch (err) {
    if (err instanceof NoHistory) return undefined;
    throw err;
  }
}

/** Pages read at most after the first when a long history was cut short (each one request, in sequence). */
const MORE_HISTORY_PAGES = 4;

/**
 * The whole history when the first page was cut short. Attio lists values oldest first and pages them (its
 * default page size is undocumented): a page holding fewer current values than the record has is not the
 * end (a multiselect's option kept since the start sits on the first page, the one added last on a later
 * one), so the next pages are read until they hold them all. Costs nothing in the usual case of a short
 * history.
 */
async function completeHistory(
  source: ChangeSource,
  z: ZObject,
  at: { scopeId: string; subjectId: string; attribute: string },
  first: AttioValue[],
  currentCount: number,
): Promise<AttioValue[]> {
  let all = first;
  for (let page = 0; page < MORE_HISTORY_PAGES && all.length && current(all).length < currentCount; page++) {
    const more = await historyOrNone(source, z, at.scopeId, at.subjectId, at.attribute, all.length);
    if (!more?.length) break;
    all = [...all, ...more];
  }
  return all;
}

const current = (values: readonly AttioValue[] | undefined) => (values ?? []).filter((v) => v.active_until === undefined || v.active_until === null);

function laterOf(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** The subscribeData key of the webhook's creation time (kept when Changed To is set). */
const SUBSCRIBED_AT = 'subscribed_at';

/**
 * A facet this Zap has never looked at (the first event after the Zap was turned on, or a record untouched
 * for longer than its last look is kept): a stay it missed counts only when it began after the subscription
 * (when subscribeData holds its time) and at most this long before the newest change in the history read, so
 * turning a Zap on never fires for a deal that went through Won weeks ago. Long enough for a burst (an Attio
 * workflow moving Won deals on at once, two quick edits, a delivery delayed a few minutes).
 */
export const FIRST_LOOK_WINDOW_MS = 10 * 60 * 1000;

/** What a run learned about the stays of the Changed To options in one record's watched attribute. */
interface StayLook {
  /** The facet's state key (stays and the last look are kept under it). */
  key: string;
  /** Stays entered and left since the last look, by writers this Zap does not ignore, oldest first. */
  missed: ChoiceEntry[];
  /** The stays held now (a current match claims its stay too, so a racing run does not pass it on again). */
  held: ChoiceEntry[];
  /**
   * Held stays entered since the last look, by writers this Zap does not ignore: on a multiselect, one a
   * later edit hid (Enterprise added, then Partner added before the run looked: the last change entered
   * only Partner). See withMasked.
   */
  masked: ChoiceEntry[];
  /** The newest instant of the history read: the next look starts after it. */
  newest: string | undefined;
}

/**
 * The stays of the Changed To options a run reads in the history it already has (no request but, for a
 * stay written by an app or token, this connection's own identity, GET /v2/self, cached): those entered and
 * left since this Zap last looked (or, at a first look, since the subscription and within
 * FIRST_LOOK_WINDOW_MS of the newest change), whose writer (the stay's own `created_by_actor`) is not ignored.
 */
async function lookAtStays(z: ZObject, options: Options, key: string, history: readonly AttioValue[], subscribedAt: string | undefined, multiselect: boolean): Promise<StayLook> {
  const stays = choiceEntries(history, options.changedTo);
  const newest = newestInstant(history);
  const last = await lastLook(z, key);
  const floors = last ? [last] : [subscribedAt, newest && instantBefore(newest, FIRST_LOOK_WINDOW_MS)].filter((f): f is string => !!f);
  // A held stay matters only on a multiselect (withMasked): a single select's writer is not looked up for it.
  const unseen = stays.filter((s) => (s.until !== null || multiselect) && floors.every((floor) => compareInstants(s.at, floor) > 0));
  const ignored = await Promise.all(unseen.map((s) => ignoredActor(z, s.by, options)));
  const skipped = ignored.filter((why, i) => why && unseen[i]?.until !== null);
  if (skipped.length) z.console.log(`Ignored ${skipped.length} earlier change(s) to a chosen option ${[...new Set(skipped)].join(' or ')}.`);
  const kept = unseen.filter((_, i) => !ignored[i]);
  return { key, missed: kept.filter((s) => s.until !== null), held: stays.filter((s) => s.until === null), masked: kept.filter((s) => s.until === null), newest };
}

/**
 * On a multiselect, the held stays a later edit hid from the last change (masked) are passed on as stays,
 * beside those entered and left, unless the last change entered them itself (then the run for it does).
 * A single select's held stay is the value now: the last change entered it, so nothing is hidden.
 */
function withMasked(stays: StayLook | undefined, multiselect: boolean, entered: readonly string[]): StayLook | undefined {
  if (!stays || !multiselect) return stays;
  const hidden = stays.masked.filter((s) => !entered.includes(s.choice));
  if (!hidden.length) return stays;
  return { ...stays, missed: [...stays.missed, ...hidden].sort((a, b) => compareInstants(a.at, b.at)) };
}

type ChangedItem = { info: AttributeInfo; change: LastChange; now: AttioValue[]; /** perform only: the state to record once the run succeeded. */ state?: { key: string; last: string | null; next: string } };

/** The actors the changed values point at (a deal's owner), so they read as names too. */
function referencedActors(items: readonly ChangedItem[]): ActorReference[] {
  return items.flatMap((i) =>
    [...i.change.previous, ...i.now]
      .filter((v) => referencedActorKey(v))
      .map((v) => ({ type: v.referenced_actor_type as ActorReference['type'], id: v.referenced_actor_id as string })),
  );
}

/**
 * The records the changed values point at (a deal's company), named as recordText does: one query per
 * target object (record_id $in), all at once, none when no record-reference changed. A record gone since,
 * or a failed lookup, leaves the value as its id: a name is not worth losing the run.
 */
async function nameRecords(z: ZObject, items: readonly ChangedItem[]): Promise<Map<string, string>> {
  const byObject = new Map<string, Set<string>>();
  for (const v of items.flatMap((i) => [...i.change.previous, ...i.now])) {
    if (!referencedRecordKey(v) || typeof v.target_object !== 'string' || !v.target_object) continue;
    const ids = byObject.get(v.target_object) ?? new Set<string>();
    ids.add(v.target_record_id as string);
    byObject.set(v.target_object, ids);
  }
  const found = await Promise.all(
    [...byObject].map(([object, ids]) =>
      queryRecords(z, object, { filter: { record_id: { $in: [...ids] } }, limit: ids.size }, `name the linked records of "${object}"`).catch((err: unknown) => {
        z.console.log(`Could not name the linked records of "${object}" (${err instanceof Error ? err.message : String(err)}); their ids are given instead.`);
        return [];
      }),
    ),
  );
  return new Map(found.flat().map((r) => [`record:${r.id.record_id}`, recordText(r)]));
}

/** The change keys for a run: titles, readable previous/current text, the writer and the time. */
function changeKeys(
  items: readonly ChangedItem[],
  by: ReadableActor | null,
  fallbackAt: string | null,
  names: ReadonlyMap<string, ReadableActor>,
  recordNames: ReadonlyMap<string, string>,
): ChangeKeys {
  const texts = new Map([...recordNames, ...[...names].map(([key, a]) => [key, actorText(a)] as const)]);
  return {
    changed_attributes: items.map((i) => i.info.title),
    changes: items.map((i) => ({
      attribute: i.info.slug,
      title: i.info.title,
      previous: valuesText(i.change.previous, texts),
      current: valuesText(i.now, texts),
    })),
    ...actorOutput('changed_by', by),
    changed_at: items.reduce<string | null>((at, i) => laterOf(at, i.change.changedAt), null) ?? fallbackAt,
  };
}

/**
 * The change keys for a stay entered and left before the run looked: the transition that entered the option
 * (previous → the option), when and by whom; the record's own fields show it as it is now.
 */
function stayKeys(info: AttributeInfo, stay: ChoiceEntry, names: ReadonlyMap<string, ReadableActor>): ChangeKeys {
  const by = stay.by?.type ? (names.get(actorKey(stay.by)) ?? null) : null;
  return {
    changed_attributes: [info.title],
    changes: [{ attribute: info.slug, title: info.title, previous: valuesText(stay.before), current: valuesText(stay.after) }],
    ...actorOutput('changed_by', by),
    changed_at: isoTimestamp(stay.at),
  };
}

/** The newest `active_from` among these values, as an ISO text (for ranking and changed_at). */
function newestWrite(values: readonly AttioValue[]): AttioValue | undefined {
  return values.reduce<AttioValue | undefined>((best, v) => (!best || (v.active_from ?? '') > (best.active_from ?? '') ? v : best), undefined);
}

const actorKey = (a: ActorReference) => `${a.type}:${a.id ?? ''}`;

/** Each distinct actor readable (one member-list lookup at most, cached per connection). */
async function describeAll(z: ZObject, actors: ReadonlyArray<ActorReference | null | undefined>): Promise<Map<string, ReadableActor>> {
  const unique = new Map<string, ActorReference>();
  for (const a of actors) if (a?.type) unique.set(actorKey(a), a);
  const described = await describeActors(z, [...unique.values()]);
  return new Map([...unique.keys()].map((key, i) => [key, described[i] as ReadableActor]));
}

/** Builds performSubscribe, performUnsubscribe, perform and performList for a change trigger. */
export function makeChangeHookOperations(source: ChangeSource) {
  const scope: HookScope = { ...source, dedupeBy: 'delivery' };

  /**
   * Resolves the object or list and the watched attributes in one GET of its attributes (their ids name
   * the object or list too), caches them for perform, then POST /v2/webhooks: 2 requests. Each watched
   * attribute gets a subscription of its own (object AND attribute), so Attio sends nothing else.
   */
  const performSubscribe = makeSubscribe(scope, async (z, slug, bundle) => {
    const catalog = catalogOf(await listAttributes(z, source.target, slug));
    const slugs = watchedSlugs(bundle);
    const watched = slugs.map((s) => {
      const found = catalog.attributes.find((a) => a.slug === s || a.id === s);
      if (!found) throw invalidInput(CHANGE_INPUTS.attributes.label, s, `is not an attribute of "${slug}" in Attio (it may have been deleted or renamed). Refresh the fields of this step and choose again.`);
      return found;
    });
    const changedTo = listInput((bundle.inputData as Record<string, unknown>)[CHANGE_INPUTS.changedTo.key]);
    if (changedTo.length && !isChoiceWatch(watched)) {
      // Zapier keeps a hidden field's old value: a Changed To that no longer applies must not be ignored silently.
      throw invalidInput(
        CHANGE_INPUTS.changedTo.label,
        changedTo.join(', '),
        `applies only when exactly one stage or select attribute is watched in ${CHANGE_INPUTS.attributes.label}. Clear it, or watch that one attribute.`,
      );
    }
    if (changedTo.length) {
      const bad = changedTo.find((id) => !isUuid(id));
      if (bad) throw invalidInput(CHANGE_INPUTS.changedTo.label, bad, `is not one of the options of "${watched[0]?.title}". Pick the options from the dropdown.`);
    }
    const scopeId = catalog.scopeId ?? (await source.scopeIdOf(z, slug));
    await rememberCatalog(z, source.target, slug, { ...catalog, scopeId });
    return {
      id: scopeId,
      narrow: watched.map((a) => [{ field: 'id.attribute_id', operator: 'equals' as const, value: a.id }]),
      data: watched.length ? { attribute_ids: watched.map((a) => a.id).join(',') } : undefined,
      // A stay of a chosen option that began before the Zap was turned on is never passed on (lookAtStays).
      createdAtKey: changedTo.length ? SUBSCRIBED_AT : undefined,
    };
  });

  const perform = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => {
    const received = receive(z, bundle, scope);
    if (!received.events.length) return [];
    const options = optionsOf(bundle);
    const { sub } = received;
    const fresh = await freshEvents(z, received, 'delivery');
    const slug = sub[source.input] ?? chosenValue(bundle.inputData[source.input]) ?? sub[source.scopeKey] ?? '';
    const scopeId = sub[source.scopeKey] ?? slug;
    const watchedIds = new Set((sub.attribute_ids ?? '').split(',').filter(Boolean));

    // Decide each event from what it carries: its record, attribute and writer. No request but, when an
    // event was written by an app or token, this connection's own identity (GET /v2/self, cached).
    const decided = await Promise.all(
      fresh.map(async ([, event]) => {
        const subject = event.id[source.subjectKey];
        const attribute = event.id.attribute_id;
        if (!subject || !attribute) return { event, skip: 'naming no record or attribute' };
        if (watchedIds.size && !watchedIds.has(attribute)) return { event, skip: 'about attributes this Zap does not watch' };
        const ignored = await ignoredActor(z, event.actor, options);
        if (ignored) return { event, subject, attribute, ignored };
        return { event, subject, attribute };
      }),
    );
    const skipped = decided.filter((d) => d.skip);
    if (skipped.length) z.console.log(`Skipped ${skipped.length} event(s) ${[...new Set(skipped.map((d) => d.skip))].join(' or ')}.`);
    const ignored = decided.filter((d) => d.ignored && d.subject && d.attribute);
    if (ignored.length) z.console.log(`Ignored ${ignored.length} change(s) ${[...new Set(ignored.map((d) => d.ignored))].join(' or ')}.`);
    // Called once every read succeeded, so a failed read retried by Zapier loses nothing.
    const forgetIgnored = () => Promise.all(ignored.map((d) => forgetState(z, stateKey(sub.id, d.subject as string, d.attribute as string))));

    // Coalesce: one run per record, listing each changed attribute once, in the order Attio sent them.
    const groups = new Map<string, { events: AttioWebhookEvent[]; attributes: string[] }>();
    for (const d of decided) {
      if (d.skip || d.ignored || !d.subject || !d.attribute) continue;
      const group = groups.get(d.subject) ?? { events: [], attributes: [] };
      group.events.push(d.event);
      if (!group.attributes.includes(d.attribute)) group.attributes.push(d.attribute);
      groups.set(d.subject, group);
    }
    if (!groups.size) {
      // Nothing left to run (only ignored or unwatched changes): no read, and nothing to say about the options.
      await forgetIgnored();
      await claimEvents(z, fresh.map(([key]) => key));
      return [];
    }

    // One round trip: the attribute catalog (cached), and per record its read and each changed attribute's
    // history, all at once.
    const need = [...new Set([...groups.values()].flatMap((g) => g.attributes))];
    const [catalog, reads] = await Promise.all([
      need.length ? attributeCatalog(z, source.target, scopeId, need) : Promise.resolve<AttributeCatalog>({ scopeId, attributes: [] }),
      Promise.all(
        [...groups].map(async ([subject, group]) => {
          const [loaded, ...histories] = await Promise.all([
            source.load(z, group.events[0] as AttioWebhookEvent, slug),
            ...group.attributes.map((a) => historyOrNone(source, z, scopeId, subject, a)),
          ]);
          return { subject, group, loaded, histories };
        }),
      ),
    ]);

    // Everything was read: only now remember states, so a failed read retried by Zapier loses nothing.
    await forgetIgnored();
    const watchedInfo = [...watchedIds].map((id) => catalog.attributes.find((a) => a.id === id)).filter((a): a is AttributeInfo => !!a);
    const choice = options.changedTo.length && isChoiceWatch(watchedInfo) ? watchedInfo[0] : undefined;
    if (options.changedTo.length && !choice) {
      // Subscribe refuses this; a subscription made before that check must not fire on every change.
      z.console.log(`No run: ${CHANGE_INPUTS.changedTo.label} is set, but the watched attributes are not one stage or select attribute. Turn the Zap off, fix the step and turn it on again.`);
      return [];
    }

    const runs = await Promise.all(
      reads.map(async ({ subject, group, loaded, histories }) => {
        if (!loaded) {
          z.console.log(`Skipped a change to ${subject}: it was deleted before it could be read.`);
          return null;
        }
        const items: ChangedItem[] = [];
        let writer: ActorReference | null = null;
        let stays: StayLook | undefined;
        for (const [i, attributeId] of group.attributes.entries()) {
          const info: AttributeInfo = catalog.attributes.find((a) => a.id === attributeId) ?? { id: attributeId, slug: attributeId, title: attributeId, type: 'text', multiselect: false };
          const first = histories[i];
          const history = first ? await completeHistory(source, z, { scopeId, subjectId: subject, attribute: attributeId }, first, current(loaded.values[info.slug]).length) : first;
          const change = lastChange(history ?? []);
          const now = loaded.values[info.slug] ? current(loaded.values[info.slug]) : change.current;
          const key = stateKey(sub.id, subject, attributeId);
          // The stays of a chosen option the history shows, whoever wrote the value held now.
          if (choice && info.id === choice.id && history) stays = await lookAtStays(z, options, key, history, sub[SUBSCRIBED_AT], !!choice.multiselect);
          // An event that did not say who wrote it: the value's own stamp decides.
          if (!group.events.some((e) => e.actor?.type) && change.writtenBy && (await ignoredActor(z, change.writtenBy, options))) {
            await forgetState(z, key);
            continue;
          }
          writer ??= change.writtenBy;
          // Only checked here: the state is recorded once every request of this run has succeeded (below).
          const next = fingerprint(stateOf(now));
          const { isNew, last } = await isNewState(z, key, next);
          if (!isNew) continue;
          items.push({ info, change, now, state: { key, last, next } });
        }
        if (!items.length && !withMasked(stays, !!choice?.multiselect, [])?.missed.length) {
          z.console.log(`No run for ${subject}: the watched values are as this Zap last saw them.`);
          return { loaded, items, actor: null, fires: false, stays: withMasked(stays, !!choice?.multiselect, []), entered: [] as string[] };
        }
        // A state Changed To filters out still counts as seen (Won → Lost → Won fires twice). On a
        // multiselect only the options the change entered count: gaining "Enterprise" beside "Hot" did not
        // change it to "Hot". A single value is compared as it is now (its state is new, so it changed).
        let fires = items.length > 0;
        let entered: string[] = [];
        if (choice) {
          const item = items.find((i) => i.info.id === choice.id);
          const to = !item ? [] : choice.multiselect ? enteredChoices(item.change.previous, item.now) : item.now.map(choiceId);
          entered = to.filter((id): id is string => !!id && options.changedTo.includes(id));
          fires = entered.length > 0;
        }
        const actor = [...group.events].reverse().find((e) => e.actor?.type)?.actor ?? writer;
        return { loaded, items, actor, fires, stays: withMasked(stays, !!choice?.multiselect, entered), entered };
      }),
    );

    // Who, readable: only for the runs that happen, each writer (and each member a value names) once.
    const firing = runs.map((r) => (r?.fires ? r : null));
    const [names, recordNames] = await Promise.all([
      describeAll(z, [
        ...firing.flatMap((r) => (r ? [r.actor, ...referencedActors(r.items)] : [])),
        ...runs.flatMap((r) => r?.stays?.missed.map((stay) => stay.by) ?? []),
      ]),
      nameRecords(z, firing.flatMap((r) => r?.items ?? [])),
    ]);

    // Every request succeeded: now record the states, each transition claimed once. A racing invocation
    // that claimed a transition first passes that change on, so this run lists only the changes it won
    // (none: no run); each change reaches the Zap once, never in two runs.
    const won = await Promise.all(
      runs.map(async (run) => {
        if (!run) return [];
        const claims = await Promise.all(run.items.map((i) => (i.state ? commitState(z, i.state.key, i.state.last, i.state.next) : true)));
        return run.items.filter((_, j) => claims[j]);
      }),
    );
    const claimed = await claimEvents(z, fresh.map(([key]) => key));
    const kept = new Set(fresh.filter((_, i) => claimed[i]).map(([, e]) => e));

    // Changed To passes each stay of a chosen option on once: the stay held now that this change entered,
    // and any stay entered and left before this run looked (the deal moved to Won and on to Handover). Each
    // is claimed atomically, so a redelivery, another event of the same burst or a racing invocation that
    // finds it too passes nothing on again. Then the newest instant looked at is remembered per facet.
    const outputs = await Promise.all(
      runs.map(async (run, i) => {
        if (!run || !(reads[i]?.group.events.some((e) => kept.has(e)) ?? false)) return [];
        const { loaded, stays } = run;
        const claim = (stay: ChoiceEntry) => claimStay(z, stayKey(stays?.key ?? '', stay.choice, stay.at));
        const missedClaims = await Promise.all((stays?.missed ?? []).map(claim));
        const missed = (stays?.missed ?? []).filter((_, j) => missedClaims[j]);
        let items = run.fires ? (won[i] ?? []) : [];
        // A current match whose stay another run already passed on (as a stay it missed) is not passed on again.
        const held = stays?.held.filter((stay) => run.entered.includes(stay.choice)) ?? [];
        if (items.length && held.length && !(await Promise.all(held.map(claim))).some(Boolean)) items = [];
        if (stays?.newest) {
          const last = await lastLook(z, stays.key);
          if (!last || compareInstants(stays.newest, last) > 0) await rememberLook(z, stays.key, stays.newest);
        }
        let now: (FlatRecord & ChangeKeys) | undefined;
        if (items.length) {
          const newest = newestWrite(items.flatMap((item) => item.now));
          const by = run.actor?.type ? (names.get(actorKey(run.actor)) ?? null) : null;
          now = { ...loaded.output, ...changeKeys(items, by, isoTimestamp(newest?.active_from ?? null), names, recordNames) };
        }
        // One run per record and instant (id and changed_at are the primary key, which core requires unique
        // within a delivery's runs): stays one write entered together (two chosen tags added at once) are one
        // transition, as a run for that write would have been; the run for the value now goes first.
        const at = new Set<string | null>(now ? [now.changed_at] : []);
        const out: Array<FlatRecord & ChangeKeys> = missed
          .filter((stay) => !at.has(isoTimestamp(stay.at)) && !!at.add(isoTimestamp(stay.at)))
          .map((stay) => ({ ...loaded.output, ...stayKeys(choice as AttributeInfo, stay, names) }));
        if (now) out.push(now);
        return out;
      }),
    );
    return outputs.flat();
  };

  /**
   * The editor's sample: of a page of recent records, the three whose watched attributes changed last,
   * each with that last change read from its history (one request per record), through the same keys.
   */
  const performList = async (z: ZObject, bundle: Bundle): Promise<FlatRecord[]> => {
    const slug = chosenScope(z, bundle, source);
    const slugs = watchedSlugs(bundle);
    const [candidates, catalog] = await Promise.all([source.recent(z, slug), attributeCatalog(z, source.target, slug)]);
    // By slug (the dropdown's values) or by id (a custom value), as subscribe resolves them.
    const watched = slugs.length ? catalog.attributes.filter((a) => slugs.includes(a.slug) || slugs.includes(a.id)) : catalog.attributes;
    const ranked = candidates
      .map((c) => {
        const latest = watched
          .map((info) => ({ info, value: newestWrite(current(c.values[info.slug])) }))
          .filter((x): x is { info: AttributeInfo; value: AttioValue } => !!x.value)
          .reduce<{ info: AttributeInfo; value: AttioValue } | undefined>((best, x) => (!best || (x.value.active_from ?? '') > (best.value.active_from ?? '') ? x : best), undefined);
        return { c, latest };
      })
      .sort((a, b) => (b.latest?.value.active_from ?? '').localeCompare(a.latest?.value.active_from ?? ''))
      .slice(0, 3);
    const scopeId = catalog.scopeId ?? slug;
    const read = await Promise.all(
      ranked.map(async ({ c, latest }) => {
        const [output, history] = await Promise.all([
          c.complete ? c.complete(z) : Promise.resolve(c.output),
          latest ? historyOrNone(source, z, scopeId, c.subjectId, latest.info.id) : Promise.resolve(undefined),
        ]);
        const item: ChangedItem | undefined = latest && { info: latest.info, change: lastChange(history ?? []), now: current(c.values[latest.info.slug]) };
        return { output, latest, item };
      }),
    );
    const [names, recordNames] = await Promise.all([
      describeAll(z, read.flatMap(({ latest, item }) => (latest && item ? [latest.value.created_by_actor, ...referencedActors([item])] : []))),
      nameRecords(z, read.flatMap(({ item }) => (item ? [item] : []))),
    ]);
    const items = read.map(({ output, latest, item }) => {
      if (!output) return null;
      if (!latest || !item) return { ...output, ...NO_CHANGE };
      const writer = latest.value.created_by_actor;
      const by = writer?.type ? (names.get(actorKey(writer)) ?? null) : null;
      return { ...output, ...changeKeys([item], by, isoTimestamp(latest.value.active_from ?? null), names, recordNames) };
    });
    return items.filter((item): item is FlatRecord & ChangeKeys => item !== null);
  };

  // The bundle of every hook step may hold the signing secret (subscribeData): see src/zapier/secrets.ts.
  return {
    performSubscribe: guardSecrets(performSubscribe),
    performUnsubscribe: guardSecrets(performUnsubscribe),
    perform: guardSecrets(perform),
    performList: guardSecrets(performList),
  };
}

