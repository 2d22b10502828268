// Records and list entries with Attio's write semantics: create (unique values enforced), assert by a
// unique matching attribute, PATCH (multiselect prepend) vs PUT (overwrite), bidirectional relationships,
// list entries asserted by parent, queries. Notes and tasks live in activities.ts, comments in comments.ts.
// Every write runs synchronously, so it is atomic the way Attio's assert is: concurrent requests never
// create a duplicate.
import { Clock, newId, UUID_RE } from './clock';
import { badRequest, invalid, notFound } from './errors';
import { compileFilter, compileSorts, type FilterTarget } from './filters';
import type { EntryRow, RecordRow, SandboxEvent } from './rows';
import type { Schema } from './schema';
import type { Actor, AttributeDef, ListDef, ObjectDef, StoredValue, WorkspaceMemberDef } from './types';
import { convertValues, DEFAULT_PROPERTY, identityOf, type ValueContext } from './values';

export interface QueryBody {
  filter?: unknown;
  sorts?: unknown;
  limit?: unknown;
  offset?: unknown;
}

/** How incoming values of a multiselect attribute combine with the stored ones. */
type MergeMode = 'replace' | 'prepend' | 'add';

export type UpdateMode = 'append' | 'overwrite';

export interface EntryInput {
  parent_record_id: string;
  parent_object: string;
  entry_values?: Record<string, unknown>;
}


function merge(existing: StoredValue[], incoming: StoredValue[], mode: MergeMode): StoredValue[] {
  const current = new Map(existing.map((v) => [identityOf(v), v]));
  // An unchanged value keeps its original active_from, as in Attio.
  if (mode === 'replace') return incoming.map((v) => current.get(identityOf(v)) ?? v);
  const fresh = incoming.filter((v) => !current.has(identityOf(v)));
  return mode === 'prepend' ? [...fresh, ...existing] : [...existing, ...fresh];
}

const sameValues = (a: StoredValue[] = [], b: StoredValue[] = []): boolean =>
  a.length === b.length && a.every((v, i) => identityOf(v) === identityOf(b[i] as StoredValue));

/**
 * Keeps Attio's value history: every value in `before` that is not (the same object) in `after` ends now
 * (`active_until`) and joins the row's history; an unchanged value keeps its `active_from`.
 */
function retire(row: { history: Map<string, StoredValue[]> }, slug: string, before: StoredValue[], after: StoredValue[], at: string): void {
  const ended = before.filter((v) => !after.includes(v)).map((v) => ({ ...structuredClone(v), active_until: at }));
  if (ended.length) row.history.set(slug, [...(row.history.get(slug) ?? []), ...ended]);
}

/** Sets a row's values for one attribute, retiring the ones it replaces. */
function setValues(row: { values: Map<string, StoredValue[]>; history: Map<string, StoredValue[]> }, slug: string, next: StoredValue[], at: string): void {
  retire(row, slug, row.values.get(slug) ?? [], next, at);
  row.values.set(slug, next);
}

/** GET …/attributes/{attribute}/values: the current values, or (`show_historic`) every value, oldest `active_from` first. */
export function valuesOf(row: { values: Map<string, StoredValue[]>; history: Map<string, StoredValue[]> }, slug: string, historic: boolean): StoredValue[] {
  const current = row.values.get(slug) ?? [];
  if (!historic) return structuredClone(current);
  const all = [...(row.history.get(slug) ?? []), ...current];
  return structuredClone(all.sort((a, b) => (a.active_from < b.active_from ? -1 : a.active_from > b.active_from ? 1 : 0)));
}


/**
 * One page of `items` by `limit` / `offset` (a query's body or query string): the default when absent,
 * 400 validation_type outside [minLimit, maxLimit] (the ranges Attio's spec documents per endpoint).
 */
export function pageOf<T>(items: T[], body: { limit?: unknown; offset?: unknown }, defaultLimit: number, maxLimit = Infinity, minLimit = 0): T[] {
  const limit = body.limit === undefined ? defaultLimit : Number(body.limit);
  const offset = body.offset === undefined ? 0 : Number(body.offset);
  if (!Number.isInteger(limit) || limit < minLimit || limit > maxLimit) {
    throw invalid(`limit must be a whole number from ${minLimit}${Number.isFinite(maxLimit) ? ` to ${maxLimit}` : ''}.`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset must be a whole number of at least 0.');
  return items.slice(offset, offset + limit);
}

export class Store {
  readonly records = new Map<string, Map<string, RecordRow>>();
  readonly entries = new Map<string, Map<string, EntryRow>>();
  private order = 0;
  private listeners: Array<(event: SandboxEvent) => void> = [];

  constructor(
    readonly schema: Schema,
    readonly clock: Clock,
  ) {
    this.reset();
  }

  /** Forgets every record and entry (the schema stays). */
  reset(): void {
    for (const o of this.schema.objects) this.records.set(o.id, new Map());
    for (const l of this.schema.lists) this.entries.set(l.id, new Map());
  }

  onEvent(listener: (event: SandboxEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Sends events to every listener (webhooks, notes and tasks cleanup). */
  publish(events: SandboxEvent[]): void {
    for (const e of events) for (const l of this.listeners) l(e);
  }

  // ---- lookups -------------------------------------------------------------------------------

  object(slugOrId: string): ObjectDef {
    const o = this.schema.object(slugOrId);
    if (!o) throw notFound(`Object with slug/ID "${slugOrId}" not found.`);
    return o;
  }

  list(slugOrId: string): ListDef {
    const l = this.schema.list(slugOrId);
    if (!l) throw notFound(`List with slug/ID "${slugOrId}" not found.`);
    return l;
  }

  /** A workspace member by id or email address (400 value_not_found otherwise, as Attio answers). */
  member(idOrEmail: string): WorkspaceMemberDef {
    const m = this.schema.member(idOrEmail);
    if (!m) throw badRequest('value_not_found', `Workspace member with ${UUID_RE.test(idOrEmail) ? 'ID' : 'email address'} "${idOrEmail}" not found.`);
    return m;
  }

  rowsOf(object: ObjectDef): Map<string, RecordRow> {
    return this.records.get(object.id) as Map<string, RecordRow>;
  }

  entriesOf(list: ListDef): Map<string, EntryRow> {
    return this.entries.get(list.id) as Map<string, EntryRow>;
  }

  record(objectKey: string, recordId: string): RecordRow {
    const row = this.rowsOf(this.object(objectKey)).get(recordId);
    if (!row) throw notFound(`Record with ID "${recordId}" not found.`);
    return row;
  }

  entry(listKey: string, entryId: string): EntryRow {
    const row = this.entriesOf(this.list(listKey)).get(entryId);
    if (!row) throw notFound(`List entry with ID "${entryId}" not found.`);
    return row;
  }

  /** The record of `object` holding a value with this identity in `attribute`. */
  findByIdentity(object: ObjectDef, attribute: AttributeDef, identity: string): RecordRow | undefined {
    for (const row of this.rowsOf(object).values()) {
      if ((row.values.get(attribute.api_slug) ?? []).some((v) => identityOf(v) === identity)) return row;
    }
    return undefined;
  }

  /** What value conversion needs: the schema, the writer, a timestamp and record lookups. */
  valueContext(actor: Actor): ValueContext {
    return {
      schema: this.schema,
      actor,
      now: this.clock.timestamp(),
      recordExists: (object, id) => this.rowsOf(object).has(id),
      findByIdentity: (object, attribute, identity) => this.findByIdentity(object, attribute, identity)?.id,
    };
  }

  private systemValues(actor: Actor, at: string): Array<[string, StoredValue[]]> {
    const envelope = { active_from: at, active_until: null, created_by_actor: { ...actor } };
    return [
      ['created_at', [{ ...envelope, value: at, attribute_type: 'timestamp' }]],
      ['created_by', [{ ...envelope, referenced_actor_type: actor.type, referenced_actor_id: actor.id, attribute_type: 'actor-reference' }]],
    ];
  }

  private refValue(target: RecordRow, ctx: ValueContext): StoredValue {
    return {
      active_from: ctx.now,
      active_until: null,
      created_by_actor: { ...ctx.actor },
      target_object: target.object.api_slug,
      target_record_id: target.id,
      attribute_type: 'record-reference',
    };
  }

  // ---- records -------------------------------------------------------------------------------

  createRecord(objectKey: string, input: Record<string, unknown>, actor: Actor): RecordRow {
    const object = this.object(objectKey);
    const ctx = this.valueContext(actor);
    return this.writeRecord(object, undefined, convertValues(object, input, ctx), () => 'replace', ctx);
  }

  /** PUT …/records?matching_attribute=: update the record holding one of the values sent, or create it. */
  assertRecord(objectKey: string, matchingAttribute: string, input: Record<string, unknown>, actor: Actor): RecordRow {
    const object = this.object(objectKey);
    const attr = this.schema.attribute(object, matchingAttribute);
    if (!attr) throw badRequest('value_not_found', `No attribute was found for matching_attribute slug/ID "${matchingAttribute}".`);
    if (!attr.is_unique) throw badRequest('matching_attribute_definition_not_unique', 'The matching attribute specified is not a unique attribute.');
    const ctx = this.valueContext(actor);
    const changes = convertValues(object, input, ctx);
    const incoming = changes.get(attr) ?? [];
    if (!incoming.length) {
      throw badRequest('missing_value', `Required value for matching attribute "${attr.api_slug}" (ID "${attr.id}") was not provided.`);
    }
    const matches = new Map<string, RecordRow>();
    for (const v of incoming) {
      const row = this.findByIdentity(object, attr, identityOf(v));
      if (row) matches.set(row.id, row);
    }
    if (matches.size > 1) {
      throw badRequest('multiple_match_results', `The values given for "${attr.api_slug}" match ${matches.size} different records.`);
    }
    const target = [...matches.values()][0];
    // The matching attribute only gains values; every other multiselect is set to what was sent.
    return this.writeRecord(object, target, changes, (a) => (a === attr ? 'add' : 'replace'), ctx);
  }

  /** PATCH (append: multiselect values prepended) or PUT (overwrite) of one record. */
  updateRecord(objectKey: string, recordId: string, input: Record<string, unknown>, mode: UpdateMode, actor: Actor): RecordRow {
    const object = this.object(objectKey);
    const row = this.record(object.id, recordId);
    const ctx = this.valueContext(actor);
    return this.writeRecord(object, row, convertValues(object, input, ctx), () => (mode === 'append' ? 'prepend' : 'replace'), ctx);
  }

  deleteRecord(objectKey: string, recordId: string, actor: Actor): void {
    const object = this.object(objectKey);
    const row = this.record(object.id, recordId);
    const events: SandboxEvent[] = [];
    const at = this.clock.timestamp();
    // References to the record disappear (both sides of relationships included).
    for (const o of this.schema.objects) {
      for (const other of this.rowsOf(o).values()) {
        for (const a of o.attributes) {
          if (a.type !== 'record-reference') continue;
          const vals = other.values.get(a.api_slug) ?? [];
          const kept = vals.filter((v) => v.target_record_id !== row.id);
          if (kept.length !== vals.length) {
            setValues(other, a.api_slug, kept, at);
            events.push(this.recordEvent('record.updated', other, actor, a));
          }
        }
      }
    }
    for (const list of this.schema.lists) {
      for (const e of [...this.entriesOf(list).values()]) {
        if (e.parentRecordId === row.id) {
          this.entriesOf(list).delete(e.id);
          events.push(this.entryEvent('list-entry.deleted', e, actor));
          continue;
        }
        // Entry attributes referencing the record lose the value too (ended in the history).
        for (const a of list.attributes) {
          if (a.type !== 'record-reference') continue;
          const vals = e.values.get(a.api_slug) ?? [];
          const kept = vals.filter((v) => v.target_record_id !== row.id);
          if (kept.length !== vals.length) {
            setValues(e, a.api_slug, kept, at);
            events.push(this.entryEvent('list-entry.updated', e, actor, a));
          }
        }
      }
    }
    this.rowsOf(object).delete(row.id);
    events.unshift(this.recordEvent('record.deleted', row, actor));
    this.publish(events);
  }

  /**
   * Attio itself (a formula, enrichment) rewrites one attribute: set to `input` when given (overwrite),
   * else its current values are written again unchanged (a new active_from, the old ones end in the
   * history). Either way one record.updated / list-entry.updated for the attribute, by `actor`.
   */
  recompute(target: { object: string; record_id: string } | { list: string; entry_id: string }, attribute: string, input: unknown, actor: Actor): RecordRow | EntryRow {
    const isRecord = 'object' in target;
    if (input !== undefined) {
      const values = { [attribute]: input };
      return isRecord ? this.updateRecord(target.object, target.record_id, values, 'overwrite', actor) : this.updateEntry(target.list, target.entry_id, values, 'overwrite', actor);
    }
    const row = isRecord ? this.record(target.object, target.record_id) : this.entry(target.list, target.entry_id);
    const attr = this.schema.attribute(isRecord ? (row as RecordRow).object : (row as EntryRow).list, attribute);
    if (!attr) throw notFound(`Attribute with slug/ID "${attribute}" not found.`);
    const at = this.clock.timestamp();
    const again = (row.values.get(attr.api_slug) ?? []).map((v) => ({ ...structuredClone(v), active_from: at, created_by_actor: { ...actor } }));
    setValues(row, attr.api_slug, again, at);
    this.publish([isRecord ? this.recordEvent('record.updated', row as RecordRow, actor, attr) : this.entryEvent('list-entry.updated', row as EntryRow, actor, attr)]);
    return row;
  }

  queryRecords(objectKey: string, body: QueryBody): RecordRow[] {
    const object = this.object(objectKey);
    const predicate = compileFilter(this.schema, object, body.filter);
    const order = compileSorts(this.schema, object, body.sorts);
    const targets = [...this.rowsOf(object).values()].map((r) => ({ row: r, target: this.recordTarget(r) }));
    const matched = targets.filter((t) => predicate(t.target)).sort((a, b) => order(a.target, b.target));
    return pageOf(matched, body, 500).map((t) => t.row);
  }

  private recordTarget(row: RecordRow): FilterTarget {
    return {
      parent: row.object,
      order: row.order,
      values: (a) => row.values.get(a.api_slug) ?? [],
      field: (name) => (name === 'record_id' ? row.id : undefined),
      follow: (step) => {
        if (step === 'parent_record') return [];
        return (row.values.get(step.api_slug) ?? []).flatMap((v) => {
          const target = this.schema.object(String(v.target_object));
          const next = target ? this.rowsOf(target).get(String(v.target_record_id)) : undefined;
          return next ? [this.recordTarget(next)] : [];
        });
      },
    };
  }

  private recordEvent(type: string, row: RecordRow, actor: Actor, attr?: AttributeDef): SandboxEvent {
    const id: Record<string, string> = { workspace_id: this.schema.workspace.id, object_id: row.object.id, record_id: row.id };
    if (attr) id.attribute_id = attr.id;
    return { event_type: type, id, actor: { ...actor } };
  }

  private writeRecord(
    object: ObjectDef,
    existing: RecordRow | undefined,
    changes: Map<AttributeDef, StoredValue[]>,
    modeFor: (attr: AttributeDef) => MergeMode,
    ctx: ValueContext,
  ): RecordRow {
    const before = existing?.values ?? new Map<string, StoredValue[]>();
    const after = new Map(before);
    if (!existing) for (const [slug, vals] of this.systemValues(ctx.actor, ctx.now)) after.set(slug, vals);
    for (const [attr, incoming] of changes) {
      const current = before.get(attr.api_slug) ?? [];
      after.set(attr.api_slug, merge(current, incoming, attr.is_multiselect ? modeFor(attr) : 'replace'));
    }
    for (const attr of object.attributes) {
      if (attr.is_required && !(after.get(attr.api_slug) ?? []).length) {
        throw badRequest('missing_value', `Required value for attribute with ID "${attr.id}" (${attr.api_slug}) was not provided.`);
      }
    }
    for (const attr of object.attributes.filter((a) => a.is_unique)) {
      for (const v of after.get(attr.api_slug) ?? []) {
        const holder = this.findByIdentity(object, attr, identityOf(v));
        if (holder && holder !== existing) {
          const prop = DEFAULT_PROPERTY[attr.type];
          throw badRequest(
            'uniqueness_conflict',
            `The value "${JSON.stringify({ [prop]: v[prop] ?? null })}" provided for attribute with ID "${attr.id}" conflicts with one already in the system. This attribute has a uniqueness constraint. Please ensure that the value you are providing is unique.`,
          );
        }
      }
    }

    const row: RecordRow = existing ?? { object, id: newId(), createdAt: ctx.now, order: ++this.order, values: after, history: new Map() };
    for (const attr of changes.keys()) retire(row, attr.api_slug, before.get(attr.api_slug) ?? [], after.get(attr.api_slug) ?? [], ctx.now);
    row.values = after;
    const events: SandboxEvent[] = [];
    if (!existing) {
      this.rowsOf(object).set(row.id, row);
      events.push(this.recordEvent('record.created', row, ctx.actor));
    }
    for (const attr of changes.keys()) {
      const old = before.get(attr.api_slug) ?? [];
      const now = after.get(attr.api_slug) ?? [];
      if (sameValues(old, now)) continue;
      if (existing) events.push(this.recordEvent('record.updated', row, ctx.actor, attr));
      events.push(...this.syncRelationship(row, attr, old, now, ctx));
    }
    this.publish(events);
    return row;
  }

  /** Keeps the other side of a bidirectional relationship (person.company ↔ company.team) in step. */
  private syncRelationship(row: RecordRow, attr: AttributeDef, before: StoredValue[], after: StoredValue[], ctx: ValueContext): SandboxEvent[] {
    if (!attr.relationship) return [];
    const inverseObject = this.schema.object(attr.relationship.object);
    const inverse = inverseObject && this.schema.attribute(inverseObject, attr.relationship.attribute);
    if (!inverseObject || !inverse) return [];
    const ids = (vals: StoredValue[]) => new Set(vals.map((v) => String(v.target_record_id)));
    const oldIds = ids(before);
    const newIds = ids(after);
    const events: SandboxEvent[] = [];
    const dropRef = (holder: RecordRow, slug: string, targetId: string, a: AttributeDef) => {
      const vals = holder.values.get(slug) ?? [];
      const kept = vals.filter((v) => v.target_record_id !== targetId);
      if (kept.length !== vals.length) {
        setValues(holder, slug, kept, ctx.now);
        events.push(this.recordEvent('record.updated', holder, ctx.actor, a));
      }
    };
    for (const id of oldIds) {
      const other = newIds.has(id) ? undefined : this.rowsOf(inverseObject).get(id);
      if (other) dropRef(other, inverse.api_slug, row.id, inverse);
    }
    for (const id of newIds) {
      const other = oldIds.has(id) ? undefined : this.rowsOf(inverseObject).get(id);
      if (!other) continue;
      const current = other.values.get(inverse.api_slug) ?? [];
      if (current.some((v) => v.target_record_id === row.id)) continue;
      if (!inverse.is_multiselect) {
        // The other record can point at one record only: it leaves its previous one.
        for (const v of current) {
          const previous = this.rowsOf(row.object).get(String(v.target_record_id));
          if (previous && previous !== row) dropRef(previous, attr.api_slug, other.id, attr);
        }
        setValues(other, inverse.api_slug, [this.refValue(row, ctx)], ctx.now);
      } else {
        setValues(other, inverse.api_slug, [...current, this.refValue(row, ctx)], ctx.now);
      }
      events.push(this.recordEvent('record.updated', other, ctx.actor, inverse));
    }
    return events;
  }

  // ---- list entries --------------------------------------------------------------------------

  private entryParent(list: ListDef, input: EntryInput): { parentObject: ObjectDef; parent: RecordRow } {
    const parentObject = this.schema.object(input.parent_object);
    if (!parentObject) throw badRequest('value_not_found', `Object with slug/ID "${input.parent_object}" not found.`);
    if (parentObject.api_slug !== list.parent_object) {
      throw invalid(`List "${list.api_slug}" holds ${list.parent_object} records, not ${parentObject.api_slug}.`);
    }
    const parent = this.rowsOf(parentObject).get(input.parent_record_id);
    if (!parent) throw badRequest('value_not_found', `Parent record with slug/ID "${input.parent_record_id}" not found.`);
    return { parentObject, parent };
  }

  private entryEvent(type: string, row: EntryRow, actor: Actor, attr?: AttributeDef): SandboxEvent {
    const id: Record<string, string> = { workspace_id: this.schema.workspace.id, list_id: row.list.id, entry_id: row.id };
    if (attr) id.attribute_id = attr.id;
    return { event_type: type, id, parent_object_id: row.parentObject.id, parent_record_id: row.parentRecordId, actor: { ...actor } };
  }

  /** POST …/entries: always a new entry (several per parent are allowed). */
  createEntry(listKey: string, input: EntryInput, actor: Actor): EntryRow {
    const list = this.list(listKey);
    const { parentObject, parent } = this.entryParent(list, input);
    const ctx = this.valueContext(actor);
    return this.writeEntry(list, undefined, convertValues(list, input.entry_values ?? {}, ctx), 'replace', ctx, { parentObject, parent });
  }

  /** PUT …/entries: the one entry of this parent is updated (multiselects replaced), or created. */
  assertEntry(listKey: string, input: EntryInput, actor: Actor): EntryRow {
    const list = this.list(listKey);
    const { parentObject, parent } = this.entryParent(list, input);
    const existing = [...this.entriesOf(list).values()].filter((e) => e.parentRecordId === parent.id);
    if (existing.length > 1) {
      throw badRequest(
        'multiple_match_results',
        'Multiple entries were founds for the given parent record. Please remove duplicates or use the update or create entry endpoints instead.',
      );
    }
    const ctx = this.valueContext(actor);
    return this.writeEntry(list, existing[0], convertValues(list, input.entry_values ?? {}, ctx), 'replace', ctx, { parentObject, parent });
  }

  updateEntry(listKey: string, entryId: string, values: Record<string, unknown>, mode: UpdateMode, actor: Actor): EntryRow {
    const list = this.list(listKey);
    const row = this.entry(list.id, entryId);
    const ctx = this.valueContext(actor);
    const parent = this.rowsOf(row.parentObject).get(row.parentRecordId) as RecordRow;
    return this.writeEntry(list, row, convertValues(list, values, ctx), mode === 'append' ? 'prepend' : 'replace', ctx, {
      parentObject: row.parentObject,
      parent,
    });
  }

  deleteEntry(listKey: string, entryId: string, actor: Actor): void {
    const list = this.list(listKey);
    const row = this.entry(list.id, entryId);
    this.entriesOf(list).delete(row.id);
    this.publish([this.entryEvent('list-entry.deleted', row, actor)]);
  }

  private writeEntry(
    list: ListDef,
    existing: EntryRow | undefined,
    changes: Map<AttributeDef, StoredValue[]>,
    mode: MergeMode,
    ctx: ValueContext,
    parentInfo: { parentObject: ObjectDef; parent: RecordRow },
  ): EntryRow {
    const before = existing?.values ?? new Map<string, StoredValue[]>();
    const after = new Map(before);
    if (!existing) for (const [slug, vals] of this.systemValues(ctx.actor, ctx.now)) after.set(slug, vals);
    for (const [attr, incoming] of changes) {
      after.set(attr.api_slug, merge(before.get(attr.api_slug) ?? [], incoming, attr.is_multiselect ? mode : 'replace'));
    }
    for (const attr of list.attributes) {
      if (attr.is_required && !(after.get(attr.api_slug) ?? []).length) {
        throw badRequest('missing_value', `Required value for attribute with ID "${attr.id}" (${attr.api_slug}) was not provided.`);
      }
    }
    const row: EntryRow = existing ?? {
      list,
      id: newId(),
      parentObject: parentInfo.parentObject,
      parentRecordId: parentInfo.parent.id,
      createdAt: ctx.now,
      order: ++this.order,
      values: after,
      history: new Map(),
    };
    for (const attr of changes.keys()) retire(row, attr.api_slug, before.get(attr.api_slug) ?? [], after.get(attr.api_slug) ?? [], ctx.now);
    row.values = after;
    const events: SandboxEvent[] = [];
    if (!existing) {
      this.entriesOf(list).set(row.id, row);
      events.push(this.entryEvent('list-entry.created', row, ctx.actor));
    } else {
      for (const attr of changes.keys()) {
        if (!sameValues(before.get(attr.api_slug), after.get(attr.api_slug))) events.push(this.entryEvent('list-entry.updated', row, ctx.actor, attr));
      }
    }
    this.publish(events);
    return row;
  }

  queryEntries(listKey: string, body: QueryBody): EntryRow[] {
    const list = this.list(listKey);
    const predicate = compileFilter(this.schema, list, body.filter);
    const order = compileSorts(this.schema, list, body.sorts);
    const targets = [...this.entriesOf(list).values()].map((e) => ({ row: e, target: this.entryTarget(e) }));
    const matched = targets.filter((t) => predicate(t.target)).sort((a, b) => order(a.target, b.target));
    return pageOf(matched, body, 500).map((t) => t.row);
  }

  private entryTarget(row: EntryRow): FilterTarget {
    return {
      parent: row.list,
      order: row.order,
      values: (a) => row.values.get(a.api_slug) ?? [],
      field: (name) =>
        name === 'entry_id' ? row.id : name === 'parent_record_id' ? row.parentRecordId : name === 'parent_object' ? row.parentObject.api_slug : undefined,
      follow: (step) => {
        if (step !== 'parent_record') return [];
        const parent = this.rowsOf(row.parentObject).get(row.parentRecordId);
        return parent ? [this.recordTarget(parent)] : [];
      },
    };
  }

  /** Entries, across all lists, whose parent is this record. */
  entriesOfRecord(objectKey: string, recordId: string): EntryRow[] {
    const row = this.record(objectKey, recordId);
    return this.schema.lists.flatMap((l) => [...this.entriesOf(l).values()].filter((e) => e.parentRecordId === row.id));
  }

}
