// Webhook payloads shaped exactly as Stripe and Typeform document them, nulls and all, so the flows map
// what a Zap builder really gets: Stripe's own `customer.created` example has no email, name or phone and
// empty metadata (a customer created in the Dashboard or by API without them); Typeform's own
// `form_response` example has answers whose `field` carries no `ref`, and date, choices, url and
// phone_number answers. Every id, address and phone number is made up (555-01xx numbers are reserved
// for fiction).

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

/**
 * A customer as Stripe's `customer.created` example shows it: email, name, phone, address and description
 * null, metadata empty. Overrides give a customer as Checkout creates one (with an email and a name).
 */
export function stripeCustomer(overrides: Partial<StripeCustomer> = {}): StripeCustomer {
  return {
    id: 'cus_RfT0demoNwTr4d',
    object: 'customer',
    address: null,
    balance: 0,
    created: CREATED,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: 'NWT0C3D1',
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
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
    request: { id: null, idempotency_key: null },
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

/** An answer's `field`: Typeform's example gives id and type only (`ref` is there only when the form set one). */
export interface TypeformFieldRef {
  id: string;
  type: string;
  ref?: string;
}

export interface TypeformField {
  id: string;
  type: string;
  ref?: string;
  title: string;
  properties?: Record<string, unknown>;
  choices?: Array<{ id: string; label: string }>;
}

/** Every answer type Typeform documents for webhooks. */
export type TypeformAnswer =
  | { type: 'email'; email: string; field: TypeformFieldRef }
  | { type: 'text'; text: string; field: TypeformFieldRef }
  | { type: 'choice'; choice: { id?: string; label?: string; ref?: string; other?: string }; field: TypeformFieldRef }
  | { type: 'choices'; choices: { ids?: string[]; labels?: string[]; refs?: string[]; other?: string }; field: TypeformFieldRef }
  | { type: 'number'; number: number; field: TypeformFieldRef }
  | { type: 'boolean'; boolean: boolean; field: TypeformFieldRef }
  | { type: 'date'; date: string; field: TypeformFieldRef }
  | { type: 'url'; url: string; field: TypeformFieldRef }
  | { type: 'phone_number'; phone_number: string; field: TypeformFieldRef }
  | { type: 'file_url'; file_url: string; field: TypeformFieldRef }
  | { type: 'payment'; payment: { amount: string; last4: string; name: string; success?: boolean }; field: TypeformFieldRef };

export interface TypeformWebhook {
  event_id: string;
  event_type: 'form_response';
  form_response: {
    form_id: string;
    token: string;
    landed_at: string;
    submitted_at: string;
    hidden?: Record<string, string>;
    calculated?: { score: number };
    definition: { id: string; title: string; fields: TypeformField[] };
    answers: TypeformAnswer[];
  };
}

const FIELDS: TypeformField[] = [
  { id: 'JwWggjAKtOkA', type: 'short_text', title: 'What is your name?' },
  { id: 'SMEUb7VJz92Q', type: 'email', title: 'What is your work email?' },
  { id: 'KoJxDM3c6x8h', type: 'phone_number', title: 'What is your phone number?' },
  { id: 'Tz4wGh8uQa7s', type: 'short_text', title: 'Which company are you with?' },
  { id: 'k6TP9oLGgHjl', type: 'website', title: "What is your company's website?" },
  {
    id: 'gFFf3xAkJKsr',
    type: 'multiple_choice',
    title: 'How large is your team?',
    choices: [
      { id: 'c1', label: '1-10' },
      { id: 'c2', label: '11-50' },
      { id: 'c3', label: '51-200' },
    ],
  },
  { id: 'PNe8ZKBK8C2Q', type: 'multiple_choice', title: 'Which teams would use Attio?', properties: { allow_multiple_selection: true } },
  { id: 'Q7M2XAwY04dW', type: 'number', title: 'How many seats do you need?' },
  { id: 'pn48RmPazVdM', type: 'date', title: 'When would you like to start?' },
  { id: 'DlXFaesGBpoF', type: 'long_text', title: 'What would you like Attio to help with?' },
  { id: 'RUqkXSeXBXSd', type: 'yes_no', title: 'Would you like a demo call?' },
];

/** An answer's `field` as Typeform's example sends it: id and type, no ref. */
function fieldOf(title: string): TypeformFieldRef {
  const field = FIELDS.find((f) => f.title === title);
  if (!field) throw new Error(`no Typeform field "${title}"`);
  return { id: field.id, type: field.type };
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
      hidden: {},
      definition: { id: 'aB3dEmO9', title: 'Request a demo', fields: FIELDS },
      answers: [
        { type: 'text', text: 'Priya Natarajan', field: fieldOf('What is your name?') },
        { type: 'email', email: 'priya.natarajan@lumen-analytics.io', field: fieldOf('What is your work email?') },
        { type: 'phone_number', phone_number: '+12065550147', field: fieldOf('What is your phone number?') },
        { type: 'text', text: 'Lumen Analytics', field: fieldOf('Which company are you with?') },
        { type: 'url', url: 'https://www.lumen-analytics.io', field: fieldOf("What is your company's website?") },
        { type: 'choice', choice: { label: '11-50' }, field: fieldOf('How large is your team?') },
        { type: 'choices', choices: { labels: ['Sales', 'Customer Success'] }, field: fieldOf('Which teams would use Attio?') },
        { type: 'number', number: 25, field: fieldOf('How many seats do you need?') },
        { type: 'date', date: '2025-02-03', field: fieldOf('When would you like to start?') },
        { type: 'text', text: 'Track our enterprise pipeline and hand-offs from marketing.', field: fieldOf('What would you like Attio to help with?') },
        { type: 'boolean', boolean: true, field: fieldOf('Would you like a demo call?') },
      ],
    },
  };
}

/** An answer as text, whatever its type; empty (never "undefined") for an answer that holds nothing. */
export function answerText(answer: TypeformAnswer): string {
  switch (answer.type) {
    case 'email':
      return answer.email;
    case 'text':
      return answer.text;
    case 'choice':
      return answer.choice.label ?? answer.choice.other ?? '';
    case 'choices':
      return [...(answer.choices.labels ?? []), ...(answer.choices.other ? [answer.choices.other] : [])].join(', ');
    case 'number':
      return String(answer.number);
    case 'boolean':
      return answer.boolean ? 'Yes' : 'No';
    case 'date':
      return answer.date;
    case 'url':
      return answer.url;
    case 'phone_number':
      return answer.phone_number;
    case 'file_url':
      return answer.file_url;
    case 'payment':
      return `${answer.payment.amount} (card ending ${answer.payment.last4})`;
    default:
      return '';
  }
}
