// POST /v2/notes: creates a note on a record, picked by id, or found by the person's email or the
// company's domain first (the same query as the Find Person / Find Company searches: two requests).
// Once only (src/attio/once.ts): a lost answer is resolved by reading the record's notes, and a replay with
// the same input within 15 minutes returns the first note.
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { flattenNote, noteParentInput } from '../values/activities';
import { createNoteOnce } from '../attio/once';
import { choiceInput, datetimeInput, identifierInput, inputError, textInput } from '../values/parse';
import { findCompanyByDomain, findPersonByEmail } from '../attio/lookups';
import { noteOutputFields } from '../zapier/outputs';
import sample from '../samples/note.json';
import { formatOptionsOf, KEEP_SUBDOMAINS_FIELD, recordField } from '../zapier/fields';
import { WRITE_THROTTLE } from '../zapier/throttle';

const LABELS = {
  parent_object: 'Parent Object',
  parent_record_id: 'Parent Record',
  parent_email: 'Parent Person Email',
  parent_domain: 'Parent Company Domain',
  title: 'Title',
  content: 'Content',
  format: 'Format',
  created_at: 'Created At',
} as const;

const FORMATS = { plaintext: 'Plain text', markdown: 'Markdown' } as const;

const inputFields = defineInputFields([
  { key: 'title', label: LABELS.title, required: true, helpText: 'The note title, in plain text.' },
  { key: 'content', label: LABELS.content, type: 'text', required: true, helpText: 'The body of the note.' },
  {
    key: 'parent_object',
    label: LABELS.parent_object,
    required: true,
    default: 'people',
    dynamic: 'list_objects.id.name',
    helpText: 'The kind of record the note is about: People, Companies, Deals, or one of your custom objects.',
  },
  recordField('parent_record_id', LABELS.parent_record_id, {
    required: false,
    search: 'find_person.id',
    helpText: `The record to attach the note to. Instead of it, you can fill in ${LABELS.parent_email} (for People) or ${LABELS.parent_domain} (for Companies).`,
  }),
  {
    key: 'parent_email',
    label: LABELS.parent_email,
    required: false,
    helpText: `With ${LABELS.parent_object} People: the email address of the person to attach the note to, used when ${LABELS.parent_record_id} is empty. The person must already exist.`,
  },
  {
    key: 'parent_domain',
    label: LABELS.parent_domain,
    required: false,
    helpText: `The domain (like acme.com) of the company to attach the note to, used when ${LABELS.parent_record_id} is empty (${LABELS.parent_object} is then taken as Companies). The company must already exist.`,
  },
  { ...KEEP_SUBDOMAINS_FIELD, helpText: `How ${LABELS.parent_domain} is read: see the same field on Create or Update Company, whose setting it should match.` },
  {
    key: 'format',
    label: LABELS.format,
    required: false,
    default: 'plaintext',
    choices: FORMATS,
    helpText:
      'How to read Content. Markdown supports headings, lists, bold, italic, strikethrough, highlights and links ([Attio docs](https://docs.attio.com/rest-api/endpoint-reference/notes/create-a-note)).',
  },
  {
    key: 'created_at',
    label: LABELS.created_at,
    type: 'datetime',
    required: false,
    helpText: 'Backdate the note (for imports). Leave empty for now; Attio refuses future dates and dates before 1970.',
  },
]);

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;
  // Checks that need no request come first: a bad input sends nothing at all.
  const title = textInput(input.title, LABELS.title)?.trim();
  const content = textInput(input.content, LABELS.content);
  if (!title) throw inputError(`${LABELS.title} is empty. Map a title for the note.`);
  if (!content?.trim()) throw inputError(`${LABELS.content} is empty. Map the text of the note.`);
  const format = choiceInput(input.format, LABELS.format, FORMATS, 'plaintext');
  let createdAt: string | undefined;
  if (identifierInput(input.created_at, LABELS.created_at)) {
    createdAt = datetimeInput(input.created_at, LABELS.created_at);
    const t = Date.parse(createdAt);
    if (t < 0 || t > Date.now()) {
      throw inputError(`${LABELS.created_at} "${input.created_at}" is ${t < 0 ? 'before 1970' : 'in the future'}; Attio only accepts past dates from 1970 on. Leave it empty to date the note now.`);
    }
  }

  const parent = noteParentInput(input, LABELS);
  let parentId: string;
  if ('recordId' in parent) {
    parentId = parent.recordId;
  } else if ('email' in parent) {
    const person = await findPersonByEmail(z, parent.email, LABELS.parent_email);
    if (!person) {
      throw new z.errors.Error(
        `No person in Attio has the email address "${parent.email}", so no note was created. Add a "Find or Create Person" step before this one and map its ID to ${LABELS.parent_record_id}, or check ${LABELS.parent_email}.`,
        'parent_not_found',
        404,
      );
    }
    parentId = person.id.record_id;
  } else {
    const company = await findCompanyByDomain(z, parent.domain, LABELS.parent_domain, formatOptionsOf(input));
    if (!company) {
      throw new z.errors.Error(
        `No company in Attio has the domain "${parent.domain}", so no note was created. Add a "Find or Create Company" step before this one and map its ID to ${LABELS.parent_record_id}, or check ${LABELS.parent_domain}.`,
        'parent_not_found',
        404,
      );
    }
    parentId = company.id.record_id;
  }
  const parentObject = parent.object;

  const note = await createNoteOnce(
    z,
    {
      parent_object: parentObject,
      parent_record_id: parentId,
      title,
      format,
      content,
      ...(createdAt ? { created_at: createdAt } : {}),
    },
    LABELS,
  );
  return flattenNote(note);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_note',
  noun: 'Note',
  display: {
    label: 'Create Note',
    description: 'Creates a note on a person, company or other record.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: noteOutputFields,
  },
});
