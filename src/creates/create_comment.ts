// POST /v2/comments: starts a comment thread on a record or a list entry, written as a workspace member
// (Attio requires a member as author). One request; two when the author is mapped as an email address.
// A lost answer is resolved by reading the threads for this comment (src/attio/once.ts).
import { defineCreate, defineInputFields, type CreatePerform, type ZObject } from 'zapier-platform-core';
import { listField, objectField, recordField } from '../zapier/fields';
import { flattenComment } from '../values/activities';
import { listWorkspaceMembers, type CommentTarget } from '../attio/endpoints';
import { createCommentOnce } from '../attio/once';
import { identifierInput, inputError, invalidInput, isUuid, recordIdInput, slugInput, textInput } from '../values/parse';
import { normalizeEmail } from '../values/normalize';
import sample from '../samples/comment.json';
import { commentOutputFields } from '../zapier/outputs';
import { WRITE_THROTTLE } from '../zapier/throttle';

const LABELS = {
  content: 'Content',
  author: 'Author',
  object: 'Object',
  record_id: 'Record',
  list: 'List',
  entry_id: 'List Entry',
} as const;

const inputFields = defineInputFields([
  {
    key: 'content',
    label: LABELS.content,
    type: 'text',
    required: true,
    helpText:
      'The comment, in plain text (line breaks are kept; no formatting). Workspace members mentioned by their email address (like alice@acme.com) are notified; other email addresses become links. See the [Attio docs](https://docs.attio.com/rest-api/endpoint-reference/comments/create-a-comment).',
  },
  {
    key: 'author',
    label: LABELS.author,
    required: true,
    dynamic: 'list_workspace_members.workspace_member_id.name',
    helpText: "The workspace member the comment is posted as. Pick one, or map a member's email address.",
  },
  objectField({
    required: false,
    altersDynamicFields: false,
    helpText: `For a comment on a record: the kind of record (People, Companies, Deals, …). Leave empty for a comment on a list entry.`,
  }),
  recordField('record_id', LABELS.record_id, {
    required: false,
    search: 'find_record.id',
    helpText: `The record to comment on. Fill in either this (with ${LABELS.object}) or ${LABELS.entry_id} (with ${LABELS.list}), not both.`,
  }),
  listField({
    required: false,
    altersDynamicFields: false,
    helpText: `For a comment on a list entry: the list (pipeline) the entry is on.`,
  }),
  {
    key: 'entry_id',
    label: LABELS.entry_id,
    required: false,
    dynamic: 'list_entries.id.name',
    search: 'find_list_entry.id',
    helpText: `The list entry to comment on (the record's place in the list). Fill in either this (with ${LABELS.list}) or ${LABELS.record_id} (with ${LABELS.object}), not both.`,
  },
]);

/** A mapped value as trimmed text, undefined when empty (see identifierInput). */
function given(value: unknown, label: string): string | undefined {
  return identifierInput(value, label);
}

/**
 * The author's workspace member id. The dropdown gives the id; a mapped email address is looked up
 * among the workspace members (one request). The error names only the address the user mapped.
 */
async function authorId(z: ZObject, author: { id: string } | { email: string }): Promise<string> {
  if ('id' in author) return author.id;
  const members = await listWorkspaceMembers(z);
  const member = members.find((m) => m.email_address.trim().toLowerCase() === author.email);
  if (!member) {
    throw new z.errors.Error(
      `"${author.email}" is not a member of your Attio workspace, so no comment was created. Pick the ${LABELS.author} from the dropdown, or map the email address of a workspace member.`,
      'author_not_found',
      404,
    );
  }
  return member.id.workspace_member_id;
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;

  // Every check that needs no request comes first: a bad input sends nothing at all.
  const content = textInput(input.content, LABELS.content) ?? '';
  if (content.trim() === '') {
    throw inputError(`${LABELS.content} is empty. Map the text of the comment.`);
  }

  const rawAuthor = given(input.author, LABELS.author);
  if (!rawAuthor) throw inputError(`${LABELS.author} is empty. Pick the workspace member the comment is posted as.`);
  let author: { id: string } | { email: string };
  if (isUuid(rawAuthor)) author = { id: rawAuthor.toLowerCase() };
  else if (rawAuthor.includes('@')) author = { email: normalizeEmail(rawAuthor, LABELS.author) };
  else {
    throw invalidInput(
      LABELS.author,
      input.author,
      'is not a workspace member. Pick the member from the dropdown, or map their email address.',
    );
  }

  // The target is decided by the ids: an Object or List chosen without its Record or List Entry (say,
  // to browse its dropdown) is ignored when the other target is complete.
  const object = given(input.object, LABELS.object) && slugInput(input.object, LABELS.object, 'object');
  const recordId = given(input.record_id, LABELS.record_id);
  const list = given(input.list, LABELS.list) && slugInput(input.list, LABELS.list, 'list');
  const entryId = given(input.entry_id, LABELS.entry_id);
  if (recordId && entryId) {
    throw inputError(`Both ${LABELS.record_id} and ${LABELS.entry_id} are filled in, but a comment goes on one of them. Clear one: keep ${LABELS.object} and ${LABELS.record_id} for a record, or ${LABELS.list} and ${LABELS.entry_id} for a list entry.`);
  }
  let target: CommentTarget;
  if (recordId) {
    if (!object) {
      throw inputError(`${LABELS.object} is empty, but ${LABELS.record_id} is given. Choose the object that record belongs to.`);
    }
    target = { record: { object, record_id: recordIdInput(recordId, LABELS.record_id) } };
  } else if (entryId) {
    if (!list) {
      throw inputError(`${LABELS.list} is empty, but ${LABELS.entry_id} is given. Choose the list that entry is on.`);
    }
    if (!isUuid(entryId)) {
      throw invalidInput(
        LABELS.entry_id,
        input.entry_id,
        'is not an Attio list entry ID. Pick the entry from the dropdown, or map the ID output by an earlier Attio step (such as Find List Entry).',
      );
    }
    target = { entry: { list, entry_id: entryId.toLowerCase() } };
  } else {
    throw inputError(`Choose what to comment on: fill in ${LABELS.object} and ${LABELS.record_id} for a record, or ${LABELS.list} and ${LABELS.entry_id} for a list entry.`);
  }

  const comment = await createCommentOnce(
    z,
    { content, authorId: await authorId(z, author), ...target },
    { content: LABELS.content, author: LABELS.author, record: LABELS.record_id, entry: LABELS.entry_id },
  );
  return flattenComment(comment);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_comment',
  noun: 'Comment',
  display: {
    label: 'Create Comment',
    description: 'Creates a comment on a record or list entry in Attio.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: commentOutputFields,
  },
});
