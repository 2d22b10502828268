// Flow 1, Stripe → Attio: a `customer.created` webhook runs a Zap with two Find-or-Create steps (company
// by the email's domain, then person by email, linked to that company). Stripe retries deliveries, so the
// same event arrives twice; both runs go at once, the way racing Zap runs do. Attio's assert (create or
// update by a unique attribute) is what keeps the result at one company and one person. The payloads are
// shaped as Stripe documents them: the customer has no phone and empty metadata, and Stripe's own example
// event (no email, no name) is stopped by the Zap's filter step before any Attio step runs.
// Then `invoice.paid`, also delivered twice at once, runs a Zap that finds the company and writes a deal with
// Create or Update Record, Match On deal name + associated company: deals have no unique attribute, so the
// runs' claim in z.cache (nx) is what keeps them at one deal. The runner's cache honours nx as Zapier's does
// (withAtomicNx in harness.ts): createAppTester's own in-memory cache ignores it.

/** The customer the main run gets: Stripe's documented shape, with the email and name Checkout fills in. */
export const CHECKOUT_CUSTOMER = { email: 'Jordan.Rivera@northwind-traders.com', name: 'Jordan Rivera' };
import type { Sandbox } from '../../sandbox/server';
import { stripeCustomer, stripeCustomerCreated, stripeInvoice, stripeInvoicePaid, type StripeCustomer, type StripeEvent, type StripeInvoice } from './fixtures';
import {
  emailDomain,
  errorMessage,
  errorName,
  failure,
  FIND_OR_CREATE_COMPANY,
  FIND_OR_CREATE_PERSON,
  FlowReport,
  findOrCreate,
  asItem,
  asItems,
  splitName,
  text,
  type FlowContext,
  type FlowResult,
  type FoundOrCreated,
} from './harness';

export const STRIPE_TITLE = 'Stripe → Attio: customer.created, delivered twice at once';

interface ZapRun {
  company: FoundOrCreated;
  person: FoundOrCreated;
}

/** "northwind-traders.com" → "Northwind Traders": a name when Stripe's metadata has none. */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(' ');
}

function customerEmail(customer: StripeCustomer): string {
  if (!customer.email) throw new Error(`Stripe customer ${customer.id} has no email`);
  return customer.email;
}

/** Step 1: find or create the company. The customer's email goes into Domain (the app keeps its domain). */
function companyStep(ctx: FlowContext, customer: StripeCustomer): Promise<FoundOrCreated> {
  const email = customerEmail(customer);
  // Metadata is empty unless the Stripe account sets it: the name then comes from the domain.
  const name = customer.metadata.company_name ?? nameFromDomain(emailDomain(email));
  return findOrCreate(ctx, FIND_OR_CREATE_COMPANY, { domain: email }, { domain: email, name, description: `Stripe customer ${customer.id}` });
}

/** The Zap's filter step ("Only continue if Customer Email exists"), which runs before any Attio step. */
function passesFilter(event: StripeEvent<StripeCustomer>): boolean {
  return typeof event.data.object.email === 'string' && event.data.object.email.trim() !== '';
}

/** One Zap run for one delivery: the two Find-or-Create steps, in order. */
async function zapRun(ctx: FlowContext, event: StripeEvent<StripeCustomer>): Promise<ZapRun> {
  const customer = event.data.object;
  const email = customerEmail(customer);
  const company = await companyStep(ctx, customer);
  const person = await findOrCreate(
    ctx,
    FIND_OR_CREATE_PERSON,
    { email },
    { email, ...splitName(customer.name), ...(customer.phone ? { phone: customer.phone } : {}), company_domain: emailDomain(email) },
  );
  return { company, person };
}

/** Which branch of each Find-or-Create step a run took: "company miss→create, person hit". */
function path(run: ZapRun): string {
  const step = (r: FoundOrCreated) => (r.created ? 'miss→create' : 'hit');
  return `company ${step(run.company)}, person ${step(run.person)}`;
}

/** The workspace after both runs: one company, one person, linked; both runs saw the same records. */
function checkWorkspace(report: FlowReport, sandbox: Sandbox, domain: string, runs: ZapRun[]): void {
  const companies = sandbox.listRecords('companies');
  const people = sandbox.listRecords('people');
  const company = companies[0];
  const person = people[0];
  const companyId = company?.id.record_id;
  const personId = person?.id.record_id;
  report.expect(
    'exactly one company, by the email domain',
    companies.length === 1 && company?.values.domains?.[0]?.domain === domain,
    `${companies.length} compan${companies.length === 1 ? 'y' : 'ies'}: ${companies.map((c) => `${String(c.values.name?.[0]?.value)} (${String(c.values.domains?.[0]?.domain)})`).join(', ')}`,
  );
  report.expect(
    'exactly one person, by email',
    people.length === 1,
    `${people.length} ${people.length === 1 ? 'person' : 'people'}: ${people.map((p) => `${String(p.values.name?.[0]?.full_name)} <${String(p.values.email_addresses?.[0]?.email_address)}>`).join(', ')}`,
  );
  const linked = person?.values.company?.[0]?.target_record_id;
  report.expect(
    'the person is linked to the company',
    !!companyId && linked === companyId,
    `person.company → ${linked === companyId ? `${String(company?.values.name?.[0]?.value)} (${String(linked)})` : String(linked)}`,
  );
  const ids = runs.map((r) => `${text(r.company.item, 'id')}/${text(r.person.item, 'id')}`);
  report.expect(
    'both deliveries returned the same company and person ids',
    runs.length === 2 && runs.every((r) => text(r.company.item, 'id') === companyId && text(r.person.item, 'id') === personId),
    `${runs.map((r, i) => `run ${i + 1}: ${path(r)}`).join('; ')}; ids ${new Set(ids).size === 1 ? 'identical' : ids.join(' vs ')}`,
  );
}

/** The invoice.paid Zap: Find Company by the customer's email, then the deal, matched on its name and company. */
async function invoiceRun(ctx: FlowContext, event: StripeEvent<StripeInvoice>): Promise<{ deal: string | undefined; company: string | undefined }> {
  const invoice = event.data.object;
  const found = asItems(await ctx.invoke('searches', 'find_company', 'perform', { inputData: { domain: invoice.customer_email } }), 'find_company');
  const company = text(found[0], 'id');
  if (!company) throw new Error(`no company for ${String(invoice.customer_email)}`);
  const deal = asItem(
    await ctx.invoke('creates', 'create_record', 'perform', {
      inputData: {
        object: 'deals',
        match_on: ['name', 'associated_company'],
        values__name: `Stripe invoice ${invoice.number}`,
        values__stage: 'Won 🎉',
        values__owner: 'alice@example.com',
        values__value: String(invoice.amount_paid / 100),
        values__associated_company: company,
      },
    }),
    'create_record',
  );
  return { deal: text(deal, 'id'), company };
}

/** invoice.paid delivered twice at once: one deal, on the customer's company, both runs returning it. */
async function checkInvoicePaid(ctx: FlowContext, report: FlowReport, customer: StripeCustomer): Promise<void> {
  const event = stripeInvoicePaid(stripeInvoice(customer));
  const invoice = event.data.object;
  const before = ctx.sandbox.requestLog().length;
  const refusedBefore = ctx.claimsRefused();
  const settled = await Promise.allSettled([invoiceRun(ctx, event), invoiceRun(ctx, event)]);
  const runs = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [errorMessage(s.reason)] : []));
  report.expect('both invoice.paid deliveries ran without error', failed.length === 0, failed.length ? failed.join('; ') : `event ${event.id} (${event.type}) × 2, concurrently`);
  const name = `Stripe invoice ${invoice.number}`;
  const deals = ctx.sandbox.listRecords('deals').filter((d) => d.values.name?.[0]?.value === name);
  const deal = deals[0];
  report.expect(
    'exactly one deal for the invoice, on the customer\'s company, with the amount paid',
    deals.length === 1 &&
      deal?.values.associated_company?.[0]?.target_record_id === runs[0]?.company &&
      deal?.values.value?.[0]?.currency_value === invoice.amount_paid / 100,
    `${deals.length} deal${deals.length === 1 ? '' : 's'} named "${name}"${deal ? `, value ${String(deal.values.value?.[0]?.currency_value)}` : ''}`,
  );
  const writes = ctx.sandbox
    .requestLog()
    .slice(before)
    .filter((e) => e.path.startsWith('/v2/objects/deals/records') && !e.path.endsWith('/query') && e.method !== 'GET')
    .map((e) => e.method);
  const refused = ctx.claimsRefused() - refusedBefore;
  report.expect(
    'the second run waited for the first one\'s claim, then updated its deal (one create, one update)',
    runs.length === 2 && runs.every((r) => r.deal === deal?.id.record_id) && writes.filter((m) => m === 'POST').length === 1 && refused >= 1,
    `deal writes: ${writes.join(', ') || 'none'}; claims refused: ${refused}; ids ${new Set(runs.map((r) => r.deal)).size === 1 ? 'identical' : runs.map((r) => r.deal).join(' vs ')}`,
  );
}

/** A customer with a gmail.com address: the company step must halt instead of creating a "Gmail" company. */
async function checkFreeMail(ctx: FlowContext, report: FlowReport): Promise<void> {
  const customer = stripeCustomer({ id: 'cus_RfT0demoGm41l', email: 'sam.lee@gmail.com', name: 'Sam Lee', metadata: {} });
  const err = await failure(companyStep(ctx, customer));
  const gmail = ctx.sandbox.listRecords('companies', { filter: { domains: 'gmail.com' } });
  report.expect(
    'a gmail.com customer halts create_company (no "Gmail" company)',
    errorName(err) === 'HaltedError' && gmail.length === 0,
    err ? `${errorName(err)}: ${errorMessage(err).split('. ')[0]}` : 'the step succeeded',
  );
}

/** Stripe's own example event (no email, name or phone): the filter stops it, nothing reaches Attio. */
async function checkDocumentedExample(ctx: FlowContext, report: FlowReport): Promise<void> {
  const event = stripeCustomerCreated();
  const before = ctx.sandbox.counterSnapshot().total;
  const people = ctx.sandbox.listRecords('people').length;
  const ran = passesFilter(event) ? await zapRun(ctx, event).then(() => 'ran', (err: unknown) => `failed: ${errorMessage(err)}`) : 'stopped by the filter';
  const sent = ctx.sandbox.counterSnapshot().total - before;
  report.expect(
    "Stripe's documented customer.created (email, name and phone null) is stopped by the Zap's filter, sending nothing",
    ran === 'stopped by the filter' && sent === 0 && ctx.sandbox.listRecords('people').length === people,
    `${ran}; ${sent} Attio request(s)`,
  );
}

export async function stripeToAttio(ctx: FlowContext): Promise<FlowResult> {
  const report = new FlowReport(STRIPE_TITLE);
  ctx.sandbox.reset();
  const event = stripeCustomerCreated(stripeCustomer(CHECKOUT_CUSTOMER));
  const settled = await Promise.allSettled([zapRun(ctx, event), zapRun(ctx, event)]);
  const runs = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [errorMessage(s.reason)] : []));
  report.expect('both deliveries ran without error', failed.length === 0, failed.length ? failed.join('; ') : `event ${event.id} (${event.type}) × 2, concurrently`);
  checkWorkspace(report, ctx.sandbox, emailDomain(customerEmail(event.data.object)), runs);
  report.figure('Attio requests for both runs', String(ctx.sandbox.counterSnapshot().total));
  await checkInvoicePaid(ctx, report, event.data.object);
  await checkFreeMail(ctx, report);
  await checkDocumentedExample(ctx, report);
  return report.done();
}
