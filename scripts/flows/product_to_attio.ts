// Flow 4, product sign-ups → Attio: each `signed_up` event from a product (what Segment or a product's own
// webhook would send) runs a Zap that identifies the user (person by email + user by user id, linked),
// groups their workspace (company by domain + workspace by workspace id, linked), finds or creates the
// workspace's onboarding project (a custom object, matched on its unique project code) and, when it was
// created, comments on it. The events arrive as: a first sign-up, the same event replayed, a teammate in
// the same workspace. Then the Users object is switched off to show the step's message.
import type { Sandbox } from '../../sandbox/server';
import { asItem, errorMessage, FIND_OR_CREATE_RECORD, FlowReport, findOrCreate, text, type FlowContext, type FlowResult, type Item } from './harness';

export const PRODUCT_TITLE = 'Product sign-ups → Attio: users, workspaces, an onboarding project (custom object), a comment';

interface SignedUp {
  user_id: string;
  email: string;
  name: string;
  workspace_id: string;
  workspace_name: string;
  website: string;
  plan: string;
}

const JORDAN: SignedUp = {
  user_id: 'usr_8f2k1',
  email: 'Jordan.Rivera@Initech.example',
  name: 'Jordan Rivera',
  workspace_id: 'ws_41x9',
  workspace_name: 'Initech Analytics',
  website: 'https://www.initech.example/pricing',
  plan: 'Pro',
};
const SAM: SignedUp = { ...JORDAN, user_id: 'usr_2m7q4', email: 'sam@initech.example', name: 'Sam Okafor' };

/** The member who posts the onboarding comment. */
const AUTHOR_EMAIL = 'alice@example.com';

interface RunOutput {
  user: Item;
  workspace: Item;
  project: Item;
  commented: boolean;
}

/** The Zap's steps for one event, each mapping the event or an earlier step's output. */
async function zapRun(ctx: FlowContext, event: SignedUp, authorId: string): Promise<RunOutput> {
  const user = asItem(
    await ctx.invoke('creates', 'identify_user', 'perform', {
      inputData: { email: event.email, user_id: event.user_id, person_values__name: event.name },
    }),
    'identify_user',
  );
  const workspace = asItem(
    await ctx.invoke('creates', 'group_workspace', 'perform', {
      inputData: { domain: event.website, workspace_id: event.workspace_id, workspace_values__name: event.workspace_name, company_values__name: 'Initech' },
    }),
    'group_workspace',
  );
  const code = `ONB-${event.workspace_id}`;
  const project = await findOrCreate(
    ctx,
    FIND_OR_CREATE_RECORD,
    { object: 'projects', attribute: 'project_code', value: code },
    {
      object: 'projects',
      matching_attribute: 'project_code',
      values__project_code: code,
      values__name: `Onboard ${event.workspace_name}`,
      values__status: 'planned',
      values__priority: event.plan === 'Pro' ? 'high' : 'medium',
      values__company: event.website, // a record link by domain
    },
  );
  // A Filter step in front: comment only when the project was just created (a replay must not comment twice).
  if (project.created) {
    await ctx.invoke('creates', 'create_comment', 'perform', {
      inputData: {
        object: 'projects',
        record_id: text(project.item, 'id'),
        author: authorId,
        content: `${event.name} signed up on the ${event.plan} plan; onboarding starts.`,
      },
    });
  }
  return { user, workspace, project: project.item, commented: project.created };
}

function values(sandbox: Sandbox, object: string) {
  return sandbox.listRecords(object).map((r) => r.values);
}

function checkWorkspace(report: FlowReport, sandbox: Sandbox, runs: RunOutput[]): void {
  const people = sandbox.listRecords('people');
  const users = sandbox.listRecords('users');
  const linked = users.every((u) => {
    const personId = (u.values.person?.[0] as { target_record_id?: string } | undefined)?.target_record_id;
    const email = u.values.primary_email_address?.[0]?.email_address;
    return people.some((p) => p.id.record_id === personId && p.values.email_addresses?.some((e) => e.email_address === email));
  });
  report.expect(
    'two people and two users (the replay changed nothing), each user linked to the person with its email',
    people.length === 2 && users.length === 2 && linked,
    `${people.length} people, ${users.length} users: ${values(sandbox, 'users').map((v) => `${String(v.user_id?.[0]?.value)} → ${String(v.primary_email_address?.[0]?.email_address)}`).join(', ')}`,
  );
  const companies = sandbox.listRecords('companies');
  const workspaces = sandbox.listRecords('workspaces');
  const companyId = companies[0]?.id.record_id;
  const workspaceCompany = (workspaces[0]?.values.company?.[0] as { target_record_id?: string } | undefined)?.target_record_id;
  report.expect(
    'one company (by domain) and one workspace (by workspace id) linked to it',
    companies.length === 1 && workspaces.length === 1 && workspaceCompany === companyId,
    `${companies.length} company (${String(companies[0]?.values.domains?.[0]?.domain)}), ${workspaces.length} workspace (${String(workspaces[0]?.values.workspace_id?.[0]?.value)} "${String(workspaces[0]?.values.name?.[0]?.value)}")`,
  );
  const projects = sandbox.listRecords('projects');
  const project = projects[0];
  const projectCompany = (project?.values.company?.[0] as { target_record_id?: string } | undefined)?.target_record_id;
  const status = (project?.values.status?.[0]?.status as { title?: string } | undefined)?.title;
  const priority = (project?.values.priority?.[0]?.option as { title?: string } | undefined)?.title;
  report.expect(
    'one onboarding project: created by the first run, found by the next two; typed values and the company link written',
    projects.length === 1 && runs.map((r) => r.commented).join() === 'true,false,false' && projectCompany === companyId && status === 'Planned' && priority === 'High',
    `${projects.length} project "${String(project?.values.name?.[0]?.value)}" (${String(project?.values.project_code?.[0]?.value)}), status ${String(status)}, priority ${String(priority)}; created on runs: ${runs.map((r) => (r.commented ? 'yes' : 'no')).join(', ')}`,
  );
  const comments = sandbox.comments();
  const record = comments[0]?.record as { record_id?: string } | undefined;
  report.expect(
    'one comment on the project, by the member picked',
    comments.length === 1 && record?.record_id === project?.id.record_id,
    `${comments.length} comment(s): "${String(comments[0]?.content_plaintext)}"`,
  );
}

export async function productToAttio(ctx: FlowContext): Promise<FlowResult> {
  const report = new FlowReport(PRODUCT_TITLE);
  ctx.sandbox.reset();
  // Set up as the Zap builder does: the member dropdown, and each step's fields (which cache the attributes).
  const members = (await ctx.invoke('triggers', 'list_workspace_members', 'perform')) as Item[];
  const authorId = text(members.find((m) => m.id === AUTHOR_EMAIL), 'workspace_member_id') ?? '';
  await ctx.invoke('creates', 'create_record', 'inputFields', { inputData: { object: 'projects' } });
  ctx.sandbox.resetCounters();

  const runs: RunOutput[] = [];
  const requests: number[] = [];
  try {
    for (const event of [JORDAN, JORDAN, SAM]) {
      const before = ctx.sandbox.counterSnapshot().total;
      runs.push(await zapRun(ctx, event, authorId));
      requests.push(ctx.sandbox.counterSnapshot().total - before);
    }
  } catch (err) {
    report.expect('the three Zap runs ran without error', false, errorMessage(err));
    return report.done();
  }
  report.expect('the three Zap runs ran without error', runs.length === 3, 'sign-up, the same event replayed, a teammate');
  // The first run also reads the people, companies and workspaces attributes its mapped extras need (then cached).
  report.figure('Attio requests per run (sign-up, replay, teammate)', requests.join(', '));
  checkWorkspace(report, ctx.sandbox, runs);

  // A workspace that has not activated the Users object: the step says so instead of a bare 404.
  ctx.sandbox.setObjectActive('users', false);
  try {
    await ctx.invoke('creates', 'identify_user', 'perform', { inputData: { email: 'kim@initech.example', user_id: 'usr_x' } });
    report.expect('Users object not activated: a clear message', false, 'the step succeeded');
  } catch (err) {
    const message = errorMessage(err);
    report.expect('Users object not activated: a clear message', /Users object is not activated/.test(message) && /Objects → Users/.test(message), message);
  } finally {
    ctx.sandbox.setObjectActive('users', true);
  }
  return report.done();
}
