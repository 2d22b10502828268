// Attio's error envelope: {status_code, type, code, message} (+ validation_errors on 400 validation_type).
import type { JsonObject } from './types';

export interface ValidationIssue {
  code: string;
  path: Array<string | number>;
  message: string;
  /** On invalid_type, as Attio (zod) sends them: the type wanted and the type given ("undefined" when missing). */
  expected?: string;
  received?: string;
}

export type ErrorType = 'invalid_request_error' | 'auth_error' | 'rate_limit_error' | 'api_error';

/** Thrown anywhere in the sandbox; the server turns it into the envelope and status. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly validationErrors?: ValidationIssue[],
  ) {
    super(message);
    this.name = 'SandboxError';
  }

  toJSON(): JsonObject {
    const body: JsonObject = { status_code: this.status, type: this.type, code: this.code, message: this.message };
    if (this.validationErrors) {
      body.validation_errors = this.validationErrors.map((v) => ({
        code: v.code,
        path: v.path,
        message: v.message,
        ...(v.expected === undefined ? {} : { expected: v.expected }),
        ...(v.received === undefined ? {} : { received: v.received }),
      }));
    }
    return body;
  }
}

export const badRequest = (code: string, message: string): SandboxError =>
  new SandboxError(400, 'invalid_request_error', code, message);

export const notFound = (message: string): SandboxError => new SandboxError(404, 'invalid_request_error', 'not_found', message);

/** 400 validation_type: a value or a body Attio cannot accept. */
export const invalid = (message: string, issues?: ValidationIssue[]): SandboxError =>
  new SandboxError(400, 'invalid_request_error', 'validation_type', message, issues);
