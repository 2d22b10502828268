// `npm run sandbox`: the Attio sandbox on its own, for `npx zapier-platform invoke` or curl.
//   PORT=4010 npm run sandbox            fixed port (default: a free one)
//   npm run sandbox -- --port 4010 --empty --no-rate-limit --quiet
import { DEFAULT_TOKEN, startSandbox } from './server';

interface CliOptions {
  port: number;
  sampleData: boolean;
  rateLimits: boolean;
  quiet: boolean;
}

const USAGE = `Usage: npm run sandbox -- [--port N] [--empty] [--no-rate-limit] [--quiet]
  --port N          listen on 127.0.0.1:N (default: $PORT, else a free port)
  --empty           start without the sample companies, people and entries
  --no-rate-limit   do not enforce Attio's 100 reads/s and 25 writes/s
  --quiet           do not print one line per request`;

function parseArgs(argv: string[]): CliOptions {
  const out: CliOptions = { port: Number(process.env.PORT ?? 0), sampleData: true, rateLimits: true, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') out.port = Number(argv[++i]);
    else if (arg?.startsWith('--port=')) out.port = Number(arg.slice(7));
    else if (arg === '--empty') out.sampleData = false;
    else if (arg === '--no-rate-limit') out.rateLimits = false;
    else if (arg === '--quiet') out.quiet = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    console.error(`Invalid port: ${String(out.port)}`);
    process.exit(2);
  }
  return out;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const sandbox = await startSandbox({
    port: opts.port,
    sampleData: opts.sampleData,
    rateLimits: opts.rateLimits ? undefined : false,
    log: opts.quiet ? undefined : (line) => console.log(line),
  });
  console.log(`Attio sandbox (workspace "${sandbox.schema.workspace.name}") listening on ${sandbox.url}`);
  console.log(`Point the app at it:   ATTIO_API_URL=${sandbox.url}`);
  console.log(`Any bearer token works, e.g. "Authorization: Bearer ${DEFAULT_TOKEN}" (state is in memory; nothing leaves this machine).`);
  console.log(
    `Objects: ${sandbox.schema.objects.map((o) => o.api_slug).join(', ')}; lists: ${sandbox.schema.lists.map((l) => l.api_slug).join(', ')}` +
      `${opts.sampleData ? '; sample data loaded' : ''}; rate limits ${opts.rateLimits ? 'on (100 reads/s, 25 writes/s)' : 'off'}.`,
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

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
