// `npm run sandbox`: the Attio sandbox on its own, for `npx zapier-platform invoke` or curl.
//   PORT=4010 npm run sandbox            fixed port (default: a free one)
//   npm run sandbox -- --port 4010 --empty --writes-per-second 5 --fault '{"status":429,"times":2}'
// While it runs, the loopback-only control routes under /__sandbox inject faults, change the limits and
// show the counters (sandbox/README.md).
import type { Fault } from './faults';
import { parseFault } from './control';
import { SandboxError } from './errors';
import type { RateLimits } from './ratelimit';
import { Schema } from './schema';
import { DEFAULT_TOKEN, startSandbox } from './server';

export interface CliOptions {
  port: number;
  sampleData: boolean;
  /** `false`: no limits; otherwise Attio's, with any figure given on the command line instead. */
  rateLimits: RateLimits | false;
  malformedTokens: string[];
  revokedTokens: string[];
  /** Workspace API tokens (they write as api-token; other tokens as the app). */
  apiTokens: string[];
  /** Objects (slugs or ids) that are not activated. */
  inactiveObjects: string[];
  /** The OAuth scopes granted (undefined: every scope the app needs). */
  scopes?: string[];
  /** Injected once the sandbox listens. */
  faults: Fault[];
  quiet: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run sandbox -- [options]
  --port N                  listen on 127.0.0.1:N (default: $PORT, else a free port)
  --empty                   start without the sample companies, people and entries
  --reads-per-second N      allow N reads a second (GET, POST …/query) instead of Attio's 100
  --writes-per-second N     allow N writes a second instead of Attio's 25
  --no-rate-limits          do not limit the request rate at all (also --no-rate-limit)
  --fault JSON              inject a fault at start, as sandbox.inject() options, e.g.
                            '{"status":429,"times":3,"method":"PUT","path":"/v2/objects/{object}/records"}'
                            (repeatable; later ones: POST /__sandbox/faults)
  --revoked-token T         treat T as revoked (/v2/self: 200 {"active":false}; elsewhere 401); repeatable
  --malformed-token T       treat T as malformed (/v2/self: 400 missing_value; elsewhere 401); repeatable
  --api-token T             T is a workspace API token: its writes are stamped {type: "api-token"} (any
                            other token is the app's OAuth token: {type: "app", id: client_id}); repeatable
  --inactive-object SLUG    the object is not activated (404 not_found, as users, workspaces and deals are
                            in a new Attio workspace); repeatable; later: PUT /__sandbox/objects/SLUG
  --scopes "S S …"          grant only these OAuth scopes (space- or comma-separated, e.g. "note:read-write
                            record_permission:read"); an endpoint needing another answers 403 (default: every
                            scope the app needs)
  --quiet                   do not print one line per request
  --help                    show this help`;

/** A command-line mistake: the message says what to fix. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

function positiveInteger(flag: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1) throw new CliUsageError(`${flag} needs a whole number of at least 1, not "${raw}".`);
  return n;
}

/** Parses the command line (after `--`); throws CliUsageError on a mistake. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const out: CliOptions = {
    port: Number(env.PORT ?? 0),
    sampleData: true,
    rateLimits: {},
    malformedTokens: [],
    revokedTokens: [],
    apiTokens: [],
    inactiveObjects: [],
    faults: [],
    quiet: false,
    help: false,
  };
  let limits: RateLimits = {};
  let noLimits = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new CliUsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--port':
        out.port = Number(value());
        break;
      case '--empty':
        out.sampleData = false;
        break;
      case '--no-rate-limit':
      case '--no-rate-limits':
        noLimits = true;
        break;
      case '--reads-per-second':
        limits = { ...limits, readsPerSecond: positiveInteger(flag, value()) };
        break;
      case '--writes-per-second':
        limits = { ...limits, writesPerSecond: positiveInteger(flag, value()) };
        break;
      case '--fault': {
        const raw = value();
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw new CliUsageError(`--fault needs JSON, e.g. '{"status":503,"times":2}', not ${raw}.`);
        }
        try {
          out.faults.push(parseFault(json));
        } catch (err) {
          if (err instanceof SandboxError) throw new CliUsageError(`--fault: ${err.message}`);
          throw err;
        }
        break;
      }
      case '--revoked-token':
        out.revokedTokens.push(value());
        break;
      case '--api-token':
        out.apiTokens.push(value());
        break;
      case '--malformed-token':
        out.malformedTokens.push(value());
        break;
      case '--inactive-object': {
        const slug = value();
        const schema = new Schema();
        if (!schema.anyObject(slug)) {
          throw new CliUsageError(`--inactive-object: no object "${slug}" (known: ${schema.objects.map((o) => o.api_slug).join(', ')}).`);
        }
        out.inactiveObjects.push(slug);
        break;
      }
      case '--scopes': {
        const scopes = value().split(/[\s,]+/).filter(Boolean);
        const bad = scopes.filter((sc) => !/^[a-z_]+:(read|read-write)$/.test(sc));
        if (!scopes.length || bad.length) throw new CliUsageError(`--scopes needs scopes such as "note:read-write", not "${bad.join(' ') || '(nothing)'}".`);
        out.scopes = scopes;
        break;
      }
      case '--quiet':
        out.quiet = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new CliUsageError(`Unknown option ${arg}.`);
    }
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new CliUsageError(`Invalid port: ${String(out.port)}.`);
  if (noLimits && Object.keys(limits).length) {
    throw new CliUsageError('--no-rate-limits cannot be combined with --reads-per-second or --writes-per-second.');
  }
  out.rateLimits = noLimits ? false : limits;
  return out;
}

function describeLimits(limits: RateLimits | false): string {
  if (limits === false) return 'off';
  return `${limits.readsPerSecond ?? 100} reads/s, ${limits.writesPerSecond ?? 25} writes/s`;
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof CliUsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox({
    port: opts.port,
    sampleData: opts.sampleData,
    rateLimits: opts.rateLimits,
    revokedTokens: opts.revokedTokens,
    apiTokens: opts.apiTokens,
    malformedTokens: opts.malformedTokens,
    inactiveObjects: opts.inactiveObjects,
    scopes: opts.scopes,
    log: opts.quiet ? undefined : (line) => console.log(line),
  });
  for (const fault of opts.faults) sandbox.inject(fault);
  console.log(`Attio sandbox (workspace "${sandbox.schema.workspace.name}") listening on ${sandbox.url}`);
  console.log(`Point the app at it:   ATTIO_API_URL=${sandbox.url}`);
  console.log(`Any bearer token works, e.g. "Authorization: Bearer ${DEFAULT_TOKEN}" (state is in memory; nothing leaves this machine).`);
  console.log(
    `Objects: ${sandbox.schema.activeObjects().map((o) => o.api_slug).join(', ')}` +
      `${opts.inactiveObjects.length ? ` (not activated: ${opts.inactiveObjects.join(', ')})` : ''}; lists: ${sandbox.schema.lists.map((l) => l.api_slug).join(', ')}` +
      `${opts.sampleData ? '; sample data loaded' : ''}; rate limits ${describeLimits(opts.rateLimits)}` +
      `${opts.faults.length ? `; ${opts.faults.length} fault(s) pending` : ''}.`,
  );
  console.log(
    `Control (loopback only): curl -X POST ${sandbox.controlUrl}/faults -H 'Content-Type: application/json' -d '{"status":429,"times":2}'; ` +
      `curl ${sandbox.controlUrl}/stats`,
  );
  console.log('Ready. Press Ctrl+C to stop.');

  const shutdown = (signal: string) => {
    console.log(`\n${signal}: stopping the sandbox.`);
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

// Run only as a program (tests import parseArgs).
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
