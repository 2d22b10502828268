// Shapes shared by the sandbox's modules: JSON, actors, attribute definitions and stored (read-shape) values.
import type { AttioAttributeType } from '../src/attio/types';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export type ActorType = 'api-token' | 'workspace-member' | 'system' | 'app';
// A type alias (not an interface) so it is assignable to JsonObject.
export type Actor = { type: ActorType; id: string | null };

/** Attio's attribute types: the app's own definition, so the sandbox and the app cannot drift apart. */
export type AttributeType = AttioAttributeType;

/** One value of an attribute, exactly as Attio returns it: the envelope plus the type's properties. */
export type StoredValue = JsonObject & {
  active_from: string;
  active_until: string | null;
  created_by_actor: Actor;
  attribute_type: AttributeType;
};

export interface SelectOptionDef {
  id: string;
  title: string;
  is_archived: boolean;
}

export interface StatusDef extends SelectOptionDef {
  celebration_enabled: boolean;
}

/** An attribute of an object or a list. */
export interface AttributeDef {
  id: string;
  /** The object or list the attribute belongs to. */
  parent: { kind: 'object' | 'list'; id: string; slug: string };
  api_slug: string;
  title: string;
  description: string | null;
  type: AttributeType;
  is_system_attribute: boolean;
  is_writable: boolean;
  is_required: boolean;
  is_unique: boolean;
  is_multiselect: boolean;
  is_archived: boolean;
  created_at: string;
  default_currency_code: string | null;
  /** record-reference: slugs of the objects it may point at. */
  allowed_objects: string[] | null;
  /** Bidirectional relationship: the inverse attribute (object slug + attribute slug). */
  relationship: { object: string; attribute: string } | null;
  options: SelectOptionDef[];
  statuses: StatusDef[];
}

export interface ObjectDef {
  id: string;
  api_slug: string;
  singular_noun: string;
  plural_noun: string;
  created_at: string;
  attributes: AttributeDef[];
}

export interface ListDef {
  id: string;
  api_slug: string;
  name: string;
  /** Slug of the parent object (Attio returns it as a one-element array). */
  parent_object: string;
  created_at: string;
  created_by: string;
  attributes: AttributeDef[];
}

export interface WorkspaceMemberDef {
  id: string;
  first_name: string;
  last_name: string;
  email_address: string;
  access_level: 'admin' | 'member' | 'suspended';
  created_at: string;
}

export interface WorkspaceDef {
  id: string;
  name: string;
  slug: string;
}
