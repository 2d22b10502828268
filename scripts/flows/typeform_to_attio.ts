// Flow 2, Typeform → Attio: a `form_response` webhook runs a Zap that finds or creates the person by the
// email answer, writes a note holding every answer (markdown list, parent given by email: no record id
// to map), then creates a follow-up task linked to that person (by email) and assigned to a member.
import type { Sandbox } from '../../sandbox/server';
import { answerText, typeformResponse, type TypeformAnswer, type TypeformWebhook } from './fixtures';
import { asItem, errorMessage, FIND_OR_CREATE_PERSON, FlowReport, findOrCreate, splitName, text, type FlowContext, type FlowResult } from './harness';

export const TYPEFORM_TITLE = 'Typeform → Attio: form_response → person, note, follow-up task';

/** The sandbox's first workspace member, who gets the follow-up. */
const ASSIGNEE = 'alice@example.com';
const FOLLOW_UP_DAYS = 3;

/**
 * The answer to the question with this title. Answers name their question by field id only (Typeform's
 * example has no `ref`), so the id comes from the form's definition, as a Zap builder picks the question.
 */
function answer(response: TypeformWebhook, title: string): TypeformAnswer | undefined {
  const field = response.form_response.definition.fields.find((f) => f.title === title);
  return field ? response.form_response.answers.find((a) => a.field.id === field.id) : undefined;
}

function emailAnswer(response: TypeformWebhook): string {
  const found = response.form_response.answers.find((a) => a.type === 'email');
  if (found?.type !== 'email') throw new Error('the Typeform response has no email answer');
  return found.email;
}

/**
 * Every answer as "**question** answer", in the form's order: what a Formatter step would build. The
 * question comes from the definition by field id (then the ref, then the id itself); an answer that holds
 * nothing is left out, so the note never says "undefined" or "null".
 */
export function answersMarkdown(response: TypeformWebhook): string {
  const { definition, answers, submitted_at } = response.form_response;
  const lines = answers.flatMap((a) => {
    const title = definition.fields.find((f) => f.id === a.field.id)?.title ?? a.field.ref ?? a.field.id;
    const value = answerText(a);
    return value === '' ? [] : [`- **${title}** ${value}`];
  });
  return [`Answers to *${definition.title}*, submitted ${submitted_at}:`, '', ...lines].join('\n');
}

/** Nine in the morning (UTC), a few days from now. */
function followUpDeadline(now = Date.now()): string {
  const day = new Date(now + FOLLOW_UP_DAYS * 86_400_000);
  day.setUTCHours(9, 0, 0, 0);
  return day.toISOString();
}

interface ZapOutputs {
  personId?: string;
  noteId?: string;
  taskId?: string;
  deadline: string;
}

/** The Zap's three steps, in order; each maps the previous one's output or the form's answers. */
async function zapRun(ctx: FlowContext, response: TypeformWebhook): Promise<ZapOutputs> {
  const email = emailAnswer(response);
  const fullName = answer(response, 'What is your name?');
  const name = splitName(fullName ? answerText(fullName) : undefined);
  const person = await findOrCreate(ctx, FIND_OR_CREATE_PERSON, { email }, { email, ...name });
  const note = asItem(
    await ctx.invoke('creates', 'create_note', 'perform', {
      inputData: {
        parent_object: 'people',
        parent_email: email,
        title: `Typeform: ${response.form_response.definition.title}`,
        content: answersMarkdown(response),
        format: 'markdown',
      },
    }),
    'create_note',
  );
  const company = answer(response, 'Which company are you with?');
  const deadline = followUpDeadline();
  const task = asItem(
    await ctx.invoke('creates', 'create_task', 'perform', {
      inputData: {
        content: `Follow up with ${text(person.item, 'name') ?? email}${company ? ` (${answerText(company)})` : ''} about their demo request`,
        deadline_at: deadline,
        linked_person_emails: [email],
        assignee_emails: [ASSIGNEE],
      },
    }),
    'create_task',
  );
  return { personId: text(person.item, 'id'), noteId: text(note, 'id'), taskId: text(task, 'id'), deadline };
}

function checkWorkspace(report: FlowReport, sandbox: Sandbox, response: TypeformWebhook, out: ZapOutputs): void {
  const people = sandbox.listRecords('people');
  const person = people[0];
  const personId = person?.id.record_id;
  report.expect(
    'exactly one person, by the email answer',
    people.length === 1 && personId === out.personId,
    `${people.length} ${people.length === 1 ? 'person' : 'people'}: ${people.map((p) => `${String(p.values.name?.[0]?.full_name)} <${String(p.values.email_addresses?.[0]?.email_address)}>`).join(', ')}`,
  );
  const notes = sandbox.notes();
  const note = notes[0];
  const markdown = String(note?.content_markdown ?? '');
  const missing = response.form_response.answers.map(answerText).filter((a) => !markdown.includes(a));
  const types = [...new Set(response.form_response.answers.map((a) => a.type))].join(', ');
  report.expect(
    'one note on that person, holding every answer',
    notes.length === 1 && note?.parent_record_id === personId && missing.length === 0,
    `${notes.length} note(s): "${String(note?.title)}", ${response.form_response.answers.length - missing.length}/${response.form_response.answers.length} answers (${types})${missing.length ? `, missing ${missing.join(', ')}` : ''}`,
  );
  const stray = /\b(undefined|null|\[object Object\])\b/.exec(markdown);
  report.expect(
    'the note holds no "undefined", "null" or "[object Object]" (answers without ref, date, choices, url)',
    stray === null,
    stray ? `found "${stray[0]}" in the note` : 'clean',
  );
  const tasks = sandbox.tasks();
  const task = tasks[0];
  const linked = Array.isArray(task?.linked_records) ? task.linked_records : [];
  const linksPerson = linked.some((l) => l !== null && typeof l === 'object' && !Array.isArray(l) && l.target_record_id === personId);
  const assignees = Array.isArray(task?.assignees) ? task.assignees.length : 0;
  const deadlineOk = typeof task?.deadline_at === 'string' && Date.parse(task.deadline_at) === Date.parse(out.deadline);
  report.expect(
    'one follow-up task, linked to that person, due in 3 days, assigned',
    tasks.length === 1 && linksPerson && deadlineOk && assignees === 1,
    `${tasks.length} task(s): "${String(task?.content_plaintext)}", due ${String(task?.deadline_at)}, ${linked.length} linked record(s), ${assignees} assignee(s)`,
  );
}

export async function typeformToAttio(ctx: FlowContext): Promise<FlowResult> {
  const report = new FlowReport(TYPEFORM_TITLE);
  ctx.sandbox.reset();
  const response = typeformResponse();
  let out: ZapOutputs | undefined;
  try {
    out = await zapRun(ctx, response);
  } catch (err) {
    report.expect('the Zap ran without error', false, errorMessage(err));
    return report.done();
  }
  report.expect(
    'the Zap ran without error',
    !!out.personId && !!out.noteId && !!out.taskId,
    `form "${response.form_response.definition.title}", ${response.form_response.answers.length} answers`,
  );
  checkWorkspace(report, ctx.sandbox, response, out);
  report.figure('Attio requests for the run', String(ctx.sandbox.counterSnapshot().total));
  return report.done();
}
