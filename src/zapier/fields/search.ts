// The attribute + value pairs that pick records, shared by Find Record, Find Records, Delete Record and
// Create Record's Match On: the attribute dropdown (the object's searchable attributes) and the query
// filter built from the chosen attributes and their values (one attribute-metadata lookup for all pairs,
// from the cache the field load filled).
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { attributeMetas, loadAttributes, type LoadedAttributes } from './dynamic';
import { FILTERABLE_TYPES, recordFilter } from '../../values/filters';
import { chosenValue, inputError } from '../../values/parse';
import type { AttributeMeta, FormatOptions } from '../../values/write';
import { isMappedLater, KEEP_SUBDOMAINS_FIELD } from './index';

/** The record's own id, offered beside the attributes. */
export const RECORD_ID = 'record_id';
const RECORD_ID_TITLE = 'Record ID';

/** The attributes a record can be found by (each has an exact-match filter). */
export function searchable(metas: readonly AttributeMeta[]): AttributeMeta[] {
  return metas.filter((m) => FILTERABLE_TYPES.has(m.type));
}

/** What an attribute dropdown needs beside the chosen object. */
export interface AttributeFieldOptions {
  key: string;
  label: string;
  required: boolean;
  helpText: string;
  /** Offer Record ID first (a find by id). */
  withRecordId?: boolean;
  /**
   * Add Keep Subdomains when the object has a domain attribute (read by formatOptionsOf): the same switch
   * as on the steps that create the records. Set on one dropdown of a step only.
   */
  keepSubdomains?: boolean;
}

/** One load per object per field resolution (one z): a step with two attribute dropdowns asks Attio once. */
const loads = new WeakMap<ZObject, Map<string, Promise<LoadedAttributes>>>();

function loadOnce(z: ZObject, object: string): Promise<LoadedAttributes> {
  const byObject = loads.get(z) ?? new Map<string, Promise<LoadedAttributes>>();
  loads.set(z, byObject);
  const loaded = byObject.get(object) ?? loadAttributes(z, 'objects', object);
  byObject.set(object, loaded);
  return loaded;
}

/**
 * A dynamic-field function for one attribute dropdown of the chosen object (`object` input). Nothing
 * until an object is chosen. Several dropdowns of one step share one load (the attribute metadata is cached).
 */
export function attributeDropdown(options: AttributeFieldOptions): (z: ZObject, bundle: Bundle) => Promise<PlainInputField[]> {
  const field = { key: options.key, label: options.label, required: options.required };
  return async (z, bundle) => {
    const object = chosenValue(bundle.inputData.object);
    if (!object) {
      // Mapped from an earlier step: still an unresolved {{…}} now, so the attributes cannot be listed. A text
      // field, so the step stays usable (conditionsFilter checks the slug at run time).
      if (!isMappedLater(bundle.inputData.object)) return [];
      const typed: PlainInputField = {
        ...field,
        type: 'string',
        helpText: `${options.helpText} Object is mapped from an earlier step, so the attributes cannot be listed here: type the attribute's API slug, as Attio shows it in the attribute's settings (like \`email_addresses\`)${options.withRecordId ? `, or \`${RECORD_ID}\` to find by Record ID` : ''}.`,
      };
      return [typed, ...(options.keepSubdomains ? [KEEP_SUBDOMAINS_FIELD as PlainInputField] : [])];
    }
    const { metas } = await loadOnce(z, object);
    const attributes = searchable(metas).map((m) => ({ value: m.slug, label: m.title, sample: m.slug }));
    const choices = options.withRecordId ? [{ value: RECORD_ID, label: RECORD_ID_TITLE, sample: RECORD_ID }, ...attributes] : attributes;
    const domains = options.keepSubdomains && searchable(metas).some((m) => m.type === 'domain');
    return [
      // Nothing to choose (Zapier's schema wants at least one choice): no dropdown.
      ...(choices.length ? [{ ...field, choices, helpText: options.helpText }] : []),
      ...(domains ? [KEEP_SUBDOMAINS_FIELD as PlainInputField] : []),
    ];
  };
}

/** One attribute (by slug, or RECORD_ID) and the value it must equal, with the labels of their fields. */
export interface AttributeCondition {
  slug: string;
  value: unknown;
  /** The label of the attribute field, named when the attribute is empty or unknown. */
  attributeLabel: string;
  /** The label of the value field, named when the value is empty or invalid; defaults to the attribute's title. */
  valueLabel?: string;
  /** Record ID is one of the choices of the attribute field (messages then offer it). */
  recordIdOffered?: boolean;
}

/** The filter for each condition and the attributes' titles, for the messages. */
export interface ConditionFilter {
  /** One condition's filter, or `$and` of several (every one must match). */
  filter: Record<string, unknown>;
  titles: string[];
}

/** Several filters that must all match: Attio's `$and` (one filter stays as it is). */
export function allOf(filters: Array<Record<string, unknown>>): Record<string, unknown> {
  return filters.length === 1 && filters[0] ? filters[0] : { $and: filters };
}

/**
 * The query filter for records meeting every condition. The attributes' metadata comes from the cache
 * the field load filled (else one request), and each value is checked as a write would check it.
 * @throws z.errors.Error naming the field for an empty attribute, an attribute that cannot be searched
 *   (archived, or of a kind without an exact match), or an empty or invalid value; nothing is sent then
 */
export async function conditionsFilter(
  z: ZObject,
  object: string,
  conditions: readonly AttributeCondition[],
  formatOptions: FormatOptions = {},
): Promise<ConditionFilter> {
  for (const c of conditions) {
    if (!c.slug) {
      throw inputError(
        `${c.attributeLabel} is empty. Choose the attribute to match; when Object is mapped from an earlier step, type its API slug${c.recordIdOffered ? ` (or \`${RECORD_ID}\` to search by Record ID)` : ''}.`,
      );
    }
  }
  const byAttribute = conditions.filter((c) => c.slug !== RECORD_ID);
  const metas = byAttribute.length ? await attributeMetas(z, 'objects', object, new Map(byAttribute.map((c) => [c.slug, c.value]))) : [];
  const filters: Array<Record<string, unknown>> = [];
  const titles: string[] = [];
  for (const c of conditions) {
    if (c.slug === RECORD_ID) {
      filters.push(recordFilter(RECORD_ID, c.value, c.valueLabel ?? RECORD_ID_TITLE));
      titles.push(RECORD_ID_TITLE);
      continue;
    }
    const meta = metas.find((m) => m.slug === c.slug);
    if (!meta || !FILTERABLE_TYPES.has(meta.type)) {
      const valid = searchable(metas).map((m) => `"${m.title}"`);
      const options = [c.recordIdOffered ? RECORD_ID_TITLE : '', valid.length ? `one of: ${valid.join(', ')}` : ''].filter(Boolean).join(' or ');
      throw inputError(
        `${c.attributeLabel} "${c.slug}" is not a searchable attribute of "${object}" in Attio (it may have been archived, or is of a kind that cannot be matched).${options ? ` Choose ${options}.` : ''}`,
      );
    }
    filters.push(recordFilter(meta, c.value, c.valueLabel ?? meta.title, formatOptions));
    titles.push(meta.title);
  }
  return { filter: allOf(filters), titles };
}
