// POST /v2/comments: starts a comment thread on a record or a list entry, written as a workspace member
// (Attio requires a member as author). One request; two when the author is mapped as an email address.
// A lost answer is resolved by reading the threads for this comment (src/attio/once.ts).
import { defineCreate, defineInputFields, type CreatePerform, type ZObject } from 'zapier-platform-core';
import { listField, objectField, recordField } from '../zapier/fields';
import { commentAuthorInput, commentTargetInput, flattenComment } from '../values/activities';
import { memberIdByEmail } from '../attio/actors';
import { createCommentOnce } from '../attio/once';
import { inputError, textInput } from '../values/parse';
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

/**
 * The author's workspace member id. The dropdown gives the id; a mapped email address is looked up in the
 * connection's member list (cached; one request when it is not). The error names only the address mapped.
 */
async function authorId(z: ZObject, author: { id: string } | { email: string }): Promise<string> {
  if ('id' in author) return author.id;
  const id = await memberIdByEmail(z, author.email);
  if (!id) {
    throw new z.errors.Error(
      `"${author.email}" is not a member of your Attio workspace, so no comment was created. Pick the ${LABELS.author} from the dropdown, or map the email address of a workspace member.`,
      'author_not_found',
      404,
    );
  }
  return id;
}

export const perform = (async (z, bundle) => {
  const input = bundle.inputData;

  // Every check that needs no request comes first: a bad input sends nothing at all.
  const content = textInput(input.content, LABELS.content) ?? '';
  if (content.trim() === '') {
    throw inputError(`${LABELS.content} is empty. Map the text of the comment.`);
  }

  const author = commentAuthorInput(input.author, LABELS.author);
  const target = commentTargetInput(input, LABELS);

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
    description: 'Creates a comment on a record or list entry.',
  },
  operation: {
    throttle: WRITE_THROTTLE,
    inputFields,
    perform,
    sample,
    outputFields: commentOutputFields,
  },
});
