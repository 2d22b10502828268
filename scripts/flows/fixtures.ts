// Webhook payloads as the source apps send them, so the flows map the fields a Zap builder would map.
// Shapes follow Stripe's Event and Customer objects (API version 2024-06-20) and Typeform's
// `form_response` webhook; every id, address and phone number is made up (555-01xx numbers are
// reserved for fiction).

export interface StripeAddress {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface StripeCustomer {
  id: string;
  object: 'customer';
  address: StripeAddress | null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: string | null;
  delinquent: boolean;
  description: string | null;
  discount: null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: { custom_fields: null; default_payment_method: string | null; footer: string | null; rendering_options: null };
  livemode: boolean;
  metadata: Record<string, string>;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none' | 'exempt' | 'reverse';
  test_clock: null;
}

export interface StripeEvent<T> {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: T };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** 2025-01-15T10:30:00Z, in Stripe's epoch seconds. */
const CREATED = 1736937000;

export function stripeCustomer(overrides: Partial<StripeCustomer> = {}): StripeCustomer {
  return {
    id: 'cus_RfT0demoNwTr4d',
    object: 'customer',
    address: { city: 'Seattle', country: 'US', line1: '1200 Pine Street', line2: 'Suite 400', postal_code: '98101', state: 'WA' },
    balance: 0,
    created: CREATED,
    currency: 'usd',
    default_source: null,
    delinquent: false,
    description: 'Growth plan, annual',
    discount: null,
    email: 'Jordan.Rivera@northwind-traders.com',
    invoice_prefix: 'NWT0C3D1',
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: { company_name: 'Northwind Traders', plan: 'growth' },
    name: 'Jordan Rivera',
    next_invoice_sequence: 1,
    phone: '+12065550142',
    preferred_locales: ['en-US'],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
    ...overrides,
  };
}

/** The `customer.created` event Stripe POSTs to the Zap's webhook URL (and retries until it gets a 2xx). */
export function stripeCustomerCreated(customer: StripeCustomer = stripeCustomer()): StripeEvent<StripeCustomer> {
  return {
    id: 'evt_1QhDemoCustCreated01',
    object: 'event',
    api_version: '2024-06-20',
    created: customer.created,
    data: { object: customer },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_DemoR3qu35t01', idempotency_key: '5f0c1e4a-8b7d-4d6e-9a3b-2c1f0e9d8a7b' },
    type: 'customer.created',
  };
}

/** The parts of Stripe's Invoice object a Zap maps (amounts in the currency's smallest unit). */
export interface StripeInvoice {
  id: string;
  object: 'invoice';
  amount_due: number;
  amount_paid: number;
  currency: string;
  customer: string;
  customer_email: string | null;
  customer_name: string | null;
  hosted_invoice_url: string;
  number: string;
  paid: boolean;
  status: 'paid';
  created: number;
}

export function stripeInvoice(customer: StripeCustomer = stripeCustomer(), overrides: Partial<StripeInvoice> = {}): StripeInvoice {
  return {
    id: 'in_1QhDemoInv0ice01',
    object: 'invoice',
    amount_due: 1_250_000,
    amount_paid: 1_250_000,
    currency: 'usd',
    customer: customer.id,
    customer_email: customer.email,
    customer_name: customer.name,
    hosted_invoice_url: 'https://invoice.stripe.com/i/acct_Demo/test_Demo0001',
    number: `${customer.invoice_prefix}-0001`,
    paid: true,
    status: 'paid',
    created: customer.created + 86_400,
    ...overrides,
  };
}

/** The `invoice.paid` event: Stripe retries it until it gets a 2xx, so a Zap can see it twice. */
export function stripeInvoicePaid(invoice: StripeInvoice = stripeInvoice()): StripeEvent<StripeInvoice> {
  return {
    id: 'evt_1QhDemoInvoicePaid01',
    object: 'event',
    api_version: '2024-06-20',
    created: invoice.created,
    data: { object: invoice },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'invoice.paid',
  };
}

// ------------------------------------------------------------------ Typeform

export interface TypeformFieldRef {
  id: string;
  type: string;
  ref: string;
}

export interface TypeformField extends TypeformFieldRef {
  title: string;
  properties?: Record<string, unknown>;
  choices?: Array<{ id: string; label: string }>;
}

export type TypeformAnswer =
  | { type: 'email'; email: string; field: TypeformFieldRef }
  | { type: 'text'; text: string; field: TypeformFieldRef }
  | { type: 'choice'; choice: { id: string; label: string; ref: string }; field: TypeformFieldRef }
  | { type: 'number'; number: number; field: TypeformFieldRef }
  | { type: 'boolean'; boolean: boolean; field: TypeformFieldRef };

export interface TypeformWebhook {
  event_id: string;
  event_type: 'form_response';
  form_response: {
    form_id: string;
    token: string;
    landed_at: string;
    submitted_at: string;
    hidden: Record<string, string>;
    definition: { id: string; title: string; fields: TypeformField[] };
    answers: TypeformAnswer[];
  };
}

const FIELDS: TypeformField[] = [
  { id: 'Xk2dNmQ7', ref: 'full_name', type: 'short_text', title: 'What is your name?' },
  { id: 'Lp9vRt3e', ref: 'work_email', type: 'email', title: 'What is your work email?' },
  { id: 'Tz4wGh8u', ref: 'company', type: 'short_text', title: 'Which company are you with?' },
  {
    id: 'Qa7sDf2k',
    ref: 'team_size',
    type: 'multiple_choice',
    title: 'How large is your team?',
    choices: [
      { id: 'c1', label: '1-10' },
      { id: 'c2', label: '11-50' },
      { id: 'c3', label: '51-200' },
    ],
  },
  { id: 'Mn5bVc1x', ref: 'seats', type: 'number', title: 'How many seats do you need?' },
  { id: 'Ry6uJi0o', ref: 'needs', type: 'long_text', title: 'What would you like Attio to help with?' },
  { id: 'Wq3eAs9d', ref: 'demo_call', type: 'yes_no', title: 'Would you like a demo call?' },
];

function refOf(ref: string): TypeformFieldRef {
  const field = FIELDS.find((f) => f.ref === ref);
  if (!field) throw new Error(`no Typeform field ${ref}`);
  return { id: field.id, type: field.type, ref: field.ref };
}

/** A "Request a demo" form submission, as Typeform's webhook delivers it. */
export function typeformResponse(): TypeformWebhook {
  return {
    event_id: '01JHDEMOTYPEFORMEVT0000001',
    event_type: 'form_response',
    form_response: {
      form_id: 'aB3dEmO9',
      token: '01jhdemo7yp3f0rmt0k3n00001',
      landed_at: '2025-01-15T10:24:12Z',
      submitted_at: '2025-01-15T10:27:48Z',
      hidden: { utm_source: 'newsletter' },
      definition: { id: 'aB3dEmO9', title: 'Request a demo', fields: FIELDS },
      answers: [
        { type: 'text', text: 'Priya Natarajan', field: refOf('full_name') },
        { type: 'email', email: 'priya.natarajan@lumen-analytics.io', field: refOf('work_email') },
        { type: 'text', text: 'Lumen Analytics', field: refOf('company') },
        { type: 'choice', choice: { id: 'c2', label: '11-50', ref: 'team-11-50' }, field: refOf('team_size') },
        { type: 'number', number: 25, field: refOf('seats') },
        { type: 'text', text: 'Track our enterprise pipeline and hand-offs from marketing.', field: refOf('needs') },
        { type: 'boolean', boolean: true, field: refOf('demo_call') },
      ],
    },
  };
}

/** An answer as text, whatever its type. */
export function answerText(answer: TypeformAnswer): string {
  switch (answer.type) {
    case 'email':
      return answer.email;
    case 'text':
      return answer.text;
    case 'choice':
      return answer.choice.label;
    case 'number':
      return String(answer.number);
    case 'boolean':
      return answer.boolean ? 'Yes' : 'No';
  }
}
