// Create or Update Record, for any object (custom ones included). With a matching attribute:
// PUT …/records?matching_attribute= (Attio's atomic assert: a replayed or racing run updates the same
// record). Without one: POST …/records, for objects that have no unique attribute (deals) or when every
// run should add a record; a clash with a unique value then says which attribute to match on instead.
// A lost answer to the POST is resolved by querying a unique value it wrote, where there is one.
// With Match On (objects without a unique attribute, like deals): POST …/records/query for the record whose
// chosen attributes all equal the mapped values, then create it or PUT the one found, while holding a claim
// on those values in z.cache (nx), so two runs racing on the same deal still write one record; a lost
// answer to that create is resolved by the same query.
import { defineCreate, defineInputFields, type Bundle, type CreatePerform, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { ATTRIBUTE_VALUES, formatOptionsOf, isMappedLater, objectField } from '../zapier/fields';
import { assertRecord, queryRecords, updateRecord } from '../attio/endpoints';
import { createRecordOnce } from '../attio/once';
import { withClaim } from '../attio/claims';
import { allOf, searchable } from '../zapier/fields/search';
import { recordFilter } from '../values/filters';
import { candidateList, CANDIDATES_SHOWN } from '../values/candidates';
import { conflictingAttribute } from '../attio/errors';
import { collectValues, fieldsFor, loadAttributes, mappedAttributeFields, objectOutputFields, VALUES_PREFIX } from '../zapier/fields/dynamic';
import { asList, chosenValue, identifierInput, inputError, listInput, shown, slugInput } from '../values/parse';
import { readableRecord } from '../zapier/readable';
import { referenceById, type AttributeMeta } from '../values/write';
import type { AttioErrorBody, AttioRecord } from '../attio/types';
import sample from '../samples/record.json';
import { recordOutputFields } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

const MATCHING_LABEL = 'Matching Attribute';
const MATCH_ON_LABEL = 'Match On';
/** Attributes Match On may combine. */
export const MAX_MATCH_ON = 3;

const NO_UNIQUE_HELP = `This object has no unique attribute, so Attio cannot match its records by itself. To update a record instead of adding one each run (and to keep two runs at the same moment from adding two), choose its identifying attributes in ${MATCH_ON_LABEL} below.`;

/**
 * Match On: up to three attributes whose mapped values together identify a record (for a deal: its name
 * and associated company). The choice that protects against duplicates for objects without a unique attribute.
 */
export function matchOnField(metas: readonly AttributeMeta[]): PlainInputField {
  return {
    key: 'match_on',
    label: MATCH_ON_LABEL,
    required: false,
    list: true,
    choices: searchable(metas).map((m) => ({ value: m.slug, label: m.title, sample: m.slug })),
    helpText: `Up to ${MAX_MATCH_ON} attributes that together identify the record, like Deal name and Associated company for a deal. The record whose every chosen attribute equals the value mapped for it is updated (only the mapped fields; attributes holding several values are replaced); when none matches, a record is created; when several match, nothing is written and the step lists them. **This is the choice that protects against duplicates** for objects without a unique attribute: replays, and even two runs at the same moment, write one record. Find or Create Record does not protect against two runs at the same moment. Leave empty to add a record on every run.`,
  };
}

/** The matching attribute dropdown (the object's unique attributes), or a note when it has none. */
export function matchingAttributeField(metas: readonly AttributeMeta[]): PlainInputField {
  const unique = metas.filter((m) => m.unique);
  if (unique.length === 0) return { key: 'matching_attribute_note', label: MATCHING_LABEL, type: 'copy', helpText: NO_UNIQUE_HELP };
  return {
    key: 'matching_attribute',
    label: MATCHING_LABEL,
    required: false,
    choices: unique.map((m) => ({ value: m.slug, label: m.title, sample: m.slug })),
    helpText:
      'The record that already has the value you map for this attribute is updated; when none has it, a new record is created, so repeated runs never duplicate. On an update, attributes that hold several values (tags, email addresses) are replaced by what you map; use Update Record to add to them instead. Leave empty to always create a new record. Only unique attributes can match.',
  };
}

/**
 * Matching Attribute when Object is mapped from an earlier step: the unique attributes cannot be listed,
 * so the API slug is typed (checked at run time by matchingAttribute, like the dropdown's choice).
 */
const TYPED_MATCHING_FIELD = {
  key: 'matching_attribute',
  label: MATCHING_LABEL,
  required: false,
  helpText:
    'The API slug of a unique attribute to match on, like `email_addresses` for people or `domains` for companies, with its value in Attribute Values: the record that already has that value is updated (attributes that hold several values are replaced), else a new one is created, so repeated runs never duplicate. Leave empty to always create a new record.',
} as const satisfies PlainInputField;

/**
 * Once an object is chosen: its required attributes (Zapier's publishing requirements put required fields
 * first), then the matching attribute and Match On, then the other writable attributes. With the object
 * mapped from an earlier step: Attribute Values and a typed Matching Attribute.
 */
async function recordFields(z: ZObject, bundle: Bundle): Promise<PlainInputField[]> {
  const object = chosenValue(bundle.inputData.object);
  if (!object) {
    if (!isMappedLater(bundle.inputData.object)) return [];
    const [note, values, ...options] = mappedAttributeFields('objects', { phoneCountry: true, keepSubdomains: true });
    return [note, values, TYPED_MATCHING_FIELD, ...options].filter((f): f is PlainInputField => f !== undefined);
  }
  const loaded = await loadAttributes(z, 'objects', object);
  const fields = fieldsFor(loaded, { phoneCountry: true, keepSubdomains: true });
  return [
    ...fields.filter((f) => f.required === true),
    matchingAttributeField(loaded.metas),
    matchOnField(loaded.metas),
    ...fields.filter((f) => f.required !== true),
  ];
}

const inputFields = defineInputFields([
  objectField({
    helpText:
      'The kind of record: People, Companies, Deals, or one of your custom objects. Its fields appear below once chosen. For objects without a unique attribute (like Deals), use Match On to update the matching record instead of adding one each run.',
  }),
  recordFields,
]);

/** Attio names a missing required attribute by id: say which field, by its title. */
function missingValue(z: ZObject, object: string, body: AttioErrorBody, attributes: readonly AttributeMeta[]): Error {
  const missing = conflictingAttribute(body, attributes);
  const which = missing ? `"${missing.title}" (${missing.slug}) is required for records in "${object}"` : `A required attribute of "${object}" is empty (Attio said: ${body.message ?? ''})`;
  // The slug is the key of its Attribute Values row, the only way to give it with Object mapped.
  return new z.errors.Error(`${which}, so no record was created. Map a value to it (with Object mapped from an earlier step, as a row of ${ATTRIBUTE_VALUES.label}).`, 'missing_value', 400);
}

/** The chosen matching attribute, checked before anything is sent. */
function matchingAttribute(object: string, slug: string, metas: readonly AttributeMeta[], mapped: Record<string, unknown>, errors: ZObject['errors']): AttributeMeta {
  // Typed (Object mapped), it may be the title its messages name, as an Attribute Values key may: when no other attribute has it.
  const titled = metas.filter((m) => m.title.trim().toLowerCase() === slug.toLowerCase());
  const meta = metas.find((m) => m.slug === slug || m.id === slug) ?? (titled.length === 1 ? titled[0] : undefined);
  const unique = metas.filter((m) => m.unique);
  const choose = unique.length
    ? `Choose one of: ${unique.map((m) => `"${m.title}"`).join(', ')}, or leave it empty to create a new record.`
    : `"${object}" has no unique attribute, so leave ${MATCHING_LABEL} empty: each run then creates a new record.`;
  if (!meta) throw inputError(`${MATCHING_LABEL} "${slug}" is not a writable attribute of "${object}" in Attio. ${choose}`);
  if (!meta.unique) {
    throw inputError(`${MATCHING_LABEL} "${meta.title}" is not a unique attribute in Attio, so it cannot identify one record. ${choose}`);
  }
  if (mapped[meta.slug] === undefined) {
    throw inputError(`${MATCHING_LABEL} is "${meta.title}", but no value is given for ${meta.title} (${meta.slug}). Map the value to match records on (in its field, or as a row of ${ATTRIBUTE_VALUES.label} when Object is mapped), or leave ${MATCHING_LABEL} empty to create a new record.`);
  }
  return meta;
}

/**
 * The Match On attributes, checked before anything is sent: at most MAX_MATCH_ON, each a searchable
 * attribute of the object with a value mapped. Sorted by slug, so the order they were chosen in never
 * changes the claim.
 */
function matchOnAttributes(object: string, input: Record<string, unknown>, metas: readonly AttributeMeta[], mapped: Record<string, unknown>): AttributeMeta[] {
  const slugs = [...new Set(listInput(input.match_on, MATCH_ON_LABEL))].sort();
  if (slugs.length > MAX_MATCH_ON) {
    throw inputError(`${MATCH_ON_LABEL} has ${slugs.length} attributes; choose at most ${MAX_MATCH_ON} that together identify one record.`);
  }
  return slugs.map((slug) => {
    const meta = metas.find((m) => m.slug === slug || m.id === slug);
    if (!meta || !searchable([meta]).length) {
      const valid = searchable(metas).map((m) => `"${m.title}"`);
      throw inputError(`${MATCH_ON_LABEL} "${slug}" is not an attribute of "${object}" that records can be matched on.${valid.length ? ` Choose from: ${valid.join(', ')}.` : ''}`);
    }
    if (mapped[meta.slug] === undefined) {
      throw inputError(`${MATCH_ON_LABEL} includes "${meta.title}", but the ${meta.title} field is empty. Map the value to match records on, or take "${meta.title}" out of ${MATCH_ON_LABEL}.`);
    }
    const raw = asList(input[`${VALUES_PREFIX}${meta.slug}`])[0];
    if (meta.type === 'record-reference' && !referenceById(meta, raw, meta.title)) {
      throw inputError(`${MATCH_ON_LABEL} includes "${meta.title}", whose value "${String(raw)}" is not a record ID. ${MATCH_ON_LABEL} compares linked records by ID: map the record ID from an earlier step (like Find Company), or write object:record_id.`);
    }
    return meta;
  });
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  const object = slugInput(input.object, 'Object', 'object');
  const matching = identifierInput(input.matching_attribute, MATCHING_LABEL) ?? '';
  const { values, fieldLabels, attributes = [], inputs = {} } = await collectValues(z, input, 'objects', object, { attributeValues: true });
  if (Object.keys(values).length === 0) {
    throw inputError(`No field of the record is mapped. Map at least one attribute of "${object}" to write (with Object mapped from an earlier step, fill in Attribute Values).`);
  }

  const matchOnGiven = listInput(input.match_on, MATCH_ON_LABEL).length > 0;
  if (matching && matchOnGiven) {
    throw inputError(`Both ${MATCHING_LABEL} and ${MATCH_ON_LABEL} are filled. Use ${MATCHING_LABEL} for a unique attribute (like an email address), or ${MATCH_ON_LABEL} for attributes that identify the record together, not both.`);
  }

  if (matching) {
    const meta = matchingAttribute(object, matching, attributes, values, z.errors);
    const record = await assertRecord(z, {
      object,
      matchingAttribute: meta.slug,
      values,
      action: `create or update the record in "${object}" matched on ${meta.title}`,
      fieldLabels,
    });
    return readableRecord(z, record, object);
  }

  /** Attio's refusals of a create (or an update) that the user can fix, in their words. */
  const explain = (verb: 'created' | 'updated') => (status: number, body: AttioErrorBody | undefined) => {
    if (status === 400 && body?.code === 'missing_value') return missingValue(z, object, body, attributes);
    if (status !== 400 || body?.code !== 'uniqueness_conflict') return undefined;
    const conflict = conflictingAttribute(body, attributes);
    const mappedValue = conflict ? inputs[conflict.slug] : undefined;
    const what = conflict
      ? `Another record in "${object}" already has ${conflict.title} "${String(mappedValue)}", which must be unique, so no record was ${verb}. To update that record instead, choose "${conflict.title}" as ${MATCHING_LABEL}.`
      : `Another record in "${object}" already has one of the unique values mapped, so no record was ${verb}. Choose that attribute as ${MATCHING_LABEL} to update the existing record instead. Attio said: ${body.message ?? ''}`;
    return new z.errors.Error(what, 'uniqueness_conflict', 400);
  };
  /** @param matches Match On's query, which also finds the record after a lost answer */
  const create = (matches?: () => Promise<AttioRecord[]>) =>
    createRecordOnce(z, {
      object,
      values,
      uniqueSlugs: attributes.filter((a) => a.unique).map((a) => a.slug),
      ...(matches ? { matches } : {}),
      action: `create the record in "${object}"`,
      fieldLabels,
      explain: explain('created'),
    });

  if (!matchOnGiven) return readableRecord(z, await create(), object);

  const matchOn = matchOnAttributes(object, input, attributes, values);
  // Read as the write reads them (Keep Subdomains, Phone Country), so the query looks for what a create writes.
  const formatOptions = formatOptionsOf(input);
  const filter = allOf(matchOn.map((m) => recordFilter(m, input[`${VALUES_PREFIX}${m.slug}`], m.title, formatOptions)));
  // The value as mapped (one, checked above), whole: a comma is part of a name, not a separator.
  const described = matchOn.map((m) => `${m.title} "${shown(asList(input[`${VALUES_PREFIX}${m.slug}`])[0] ?? '')}"`).join(' and ');
  // The claim names the object and the exact filter: runs with the same values take turns, others never wait.
  const claimKey = `attio:match:${object}:${z.hash('sha256', JSON.stringify(filter))}`;
  const record = await withClaim(z, claimKey, described, async () => {
    // One more than a message lists, to say whether there are others.
    const matches = () =>
      queryRecords(
        z,
        object,
        { filter, sorts: [{ attribute: 'created_at', direction: 'asc' }], limit: CANDIDATES_SHOWN + 1 },
        `find the record in "${object}" with ${described}`,
      );
    const found = await matches();
    const [only, ...others] = found;
    if (!only) return create(matches);
    if (others.length) {
      throw new z.errors.Error(
        `${found.length > CANDIDATES_SHOWN ? 'More than' : ''} ${Math.min(found.length, CANDIDATES_SHOWN)} records in "${object}" have ${described}, so none was updated or created: ${candidateList(found.slice(0, CANDIDATES_SHOWN), found.length > CANDIDATES_SHOWN)}. Add an attribute to ${MATCH_ON_LABEL} that tells them apart (up to ${MAX_MATCH_ON}), or merge the duplicates in Attio.`.trim(),
        'multiple_matches',
        409,
      );
    }
    // PUT: the mapped attributes only, multiselects replaced, as a matched create does; safe to repeat.
    return updateRecord(z, {
      object,
      recordId: only.id.record_id,
      values,
      mode: 'replace',
      idempotent: true,
      action: `update the record in "${object}" with ${described}`,
      fieldLabels,
      explain: explain('updated'),
    });
  });
  return readableRecord(z, record, object);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_record',
  noun: 'Record',
  display: {
    label: 'Create or Update Record',
    description: 'Creates a record of any object, or updates the record with the same value of a unique attribute.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: [...recordOutputFields(),
    objectOutputFields],
  },
});
