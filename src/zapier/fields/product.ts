// Product data: Attio's `users` and `workspaces` objects, each asserted by the id the product gives it and
// linked to the CRM record it belongs to (a user to a person by email, a workspace to a company by
// domain), the way the Segment and Customer.io Attio destinations do it. Shared by identify_user and
// group_workspace: their dynamic fields for both objects, and the checks that the object is activated.
import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { collectValues, fieldsFor, loadAttributes, type CollectedValues } from './dynamic';
import type { AttioErrorBody } from '../../attio/types';

/** One of the two objects a step writes, and how its extra attribute fields are keyed. */
export interface Side {
  /** api slug: people, companies, users or workspaces. */
  object: string;
  /** What users call it in Attio: Users, Workspaces. */
  title: string;
  /** Input key prefix of its attribute fields, like `user_values__`. */
  prefix: string;
  /** Label prefix of its attribute fields, like "User: ". */
  labelPrefix: string;
  /** Attributes the step's static fields already write. */
  skip: readonly string[];
}

/** Where an admin turns the object on. */
function activationHint(side: Side): string {
  return `A workspace admin can activate it in Attio's workspace settings, under Objects → ${side.title}; then replay this run.`;
}

/** The error for a product object the workspace has not activated (Attio answers 404 for it). */
export function notActivated(z: ZObject, side: Side, what: string): Error {
  return new z.errors.Error(
    `The ${side.title} object is not activated in your Attio workspace, so ${what}. ${activationHint(side)}`,
    'object_not_activated',
    404,
  );
}

/**
 * Reading a product object's attributes: Attio's 404 means the object is not activated. The request
 * layer's explain hook turns it into that error; `is` tells it apart from any other failure.
 */
function watchNotActivated(z: ZObject, side: Side, what: string) {
  let seen: Error | undefined;
  return {
    explain: (status: number): Error | undefined => (status === 404 ? (seen = notActivated(z, side, what)) : undefined),
    is: (err: unknown): boolean => seen !== undefined && err === seen,
  };
}

/** For a write to a product object: Attio's 404 "Object … not found" means it is not activated. */
export function explainNotActivated(z: ZObject, side: Side, what: string) {
  return (status: number, body: AttioErrorBody | undefined): Error | undefined =>
    status === 404 && /object/i.test(body?.message ?? 'object') ? notActivated(z, side, what) : undefined;
}

/** Fields of both sides with each step-wide field (Phone Country, Keep Subdomains) once, at the end. */
function withCompanionsOnce(fields: PlainInputField[]): PlainInputField[] {
  const companions = new Map<string, PlainInputField>();
  const own = fields.filter((f) => {
    if (f.key !== 'phone_country' && f.key !== 'keep_subdomains') return true;
    companions.set(f.key, f);
    return false;
  });
  return [...own, ...companions.values()];
}

/**
 * Extra attribute fields for both objects, loaded in parallel, with Phone Country when either offers a
 * phone attribute (the field mapped national numbers need) and, with options.keepSubdomains, Keep
 * Subdomains when either offers a domain or a record link (a step that has its own leaves it out). A
 * product object that is not activated gets a note saying so instead of fields, so the step still opens.
 */
export async function pairedFields(z: ZObject, crm: Side, product: Side, options: { keepSubdomains?: boolean } = {}): Promise<PlainInputField[]> {
  const watch = watchNotActivated(z, product, `this step cannot save ${product.title.toLowerCase()} yet`);
  const [crmLoaded, productLoaded] = await Promise.allSettled([
    loadAttributes(z, 'objects', crm.object),
    loadAttributes(z, 'objects', product.object, watch.explain),
  ]);
  if (crmLoaded.status === 'rejected') throw crmLoaded.reason;
  const companions = { phoneCountry: true, keepSubdomains: options.keepSubdomains ?? false };
  const crmFields = fieldsFor(crmLoaded.value, { ...crm, ...companions, optional: true });
  if (productLoaded.status === 'fulfilled') return withCompanionsOnce([...crmFields, ...fieldsFor(productLoaded.value, { ...product, ...companions, optional: true })]);
  if (!watch.is(productLoaded.reason)) throw productLoaded.reason;
  const note: PlainInputField = {
    key: `${product.prefix}not_activated`,
    label: `${product.title} Object`,
    type: 'copy',
    helpText: `The ${product.title} object is not activated in this Attio workspace, so this step cannot save ${product.title.toLowerCase()} yet. ${activationHint(product)}`,
  };
  return withCompanionsOnce([...crmFields, note]);
}

/**
 * Both objects' mapped extra attributes, formatted (no request when the cache covers them), checked
 * before anything is written. allSettled: the step never ends with a request still in flight.
 * @param crm undefined when the CRM record will not be written (its fields are then ignored)
 */
export async function pairedValues(
  z: ZObject,
  input: Record<string, unknown>,
  crm: Side | undefined,
  product: Side,
  what: string,
): Promise<[CollectedValues, CollectedValues]> {
  const watch = watchNotActivated(z, product, what);
  const [crmValues, productValues] = await Promise.allSettled([
    crm ? collectValues(z, input, 'objects', crm.object, crm) : { values: {}, fieldLabels: {} },
    collectValues(z, input, 'objects', product.object, { ...product, explain: watch.explain }),
  ]);
  if (crmValues.status === 'rejected') throw crmValues.reason;
  if (productValues.status === 'rejected') throw productValues.reason;
  return [crmValues.value, productValues.value];
}
