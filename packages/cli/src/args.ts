// Command-line parsing: the command words, positional arguments and options shared by every command.
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

/** Options every command understands, plus those of `user` and `export`. */
export interface CliOptions {
  table?: string | undefined;
  endpoint?: string | undefined;
  region?: string | undefined;
  passwordStdin: boolean;
  site?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  parameter?: string | undefined;
  tokenTtl?: string | undefined;
  force: boolean;
  /** `import legacy`: the original system's table. */
  fromTable?: string | undefined;
  /** `import legacy`: read and report only. */
  dryRun: boolean;
  /** `status`: the CloudFormation stack whose outputs name everything else. */
  stack?: string | undefined;
  /** `status`: an endpoint for CloudFormation, CloudWatch and SQS (`pnpm dev`'s stand-in). */
  awsEndpoint?: string | undefined;
  /** `status`: the stream trigger's function name, the counting alarm, the failure queue. */
  function?: string | undefined;
  alarm?: string | undefined;
  queueUrl?: string | undefined;
  /** `user add|grant`: admin or viewer. */
  role?: string | undefined;
  /** `user add|grant|revoke`: comma-separated sites. */
  sites?: string | undefined;
  help: boolean;
}

/** A parsed command line. */
export interface ParsedArgs {
  /** The command words and arguments, e.g. `['user', 'add', 'alice']`. */
  positionals: string[];
  options: CliOptions;
}

export const USAGE = `Usage: footfall <command> [options]

Commands:
  user add <name> [--role admin|viewer] [--sites a.com,b.com] [--password-stdin]
                                        create a dashboard user (asks for the password, or reads it from
                                        stdin); an admin (the default) reads every site and manages them, a
                                        viewer reads only its --sites
  user grant <name> [--role admin|viewer] [--sites a.com,b.com]
                                        set a user's role and/or add sites a viewer may read (within a minute)
  user revoke <name> --sites a.com,b.com
                                        remove sites a viewer may read (within a minute)
  user passwd <name> [--password-stdin] set a user's password and end the user's sessions
  user signout <name>                   end every session of a user (within a minute)
  user remove <name>                    delete a user (its sessions end within a minute)
  user list                             list users with their role and sites (scans the table)
  user migrate                          move users stored with capitals to lower-case names (older versions)
  site add <host>                       accept events for a site (within a minute, no deploy)
  site remove <host>                    refuse its events from now on; its numbers stay in the table
  site list                             the sites events are accepted for
  key generate                          print a new session key (store it as the AUTH_KEY SSM SecureString)
  key rotate [--parameter NAME] [--token-ttl SECONDS] [--force]
                                        put a new key first in the SSM parameter, keeping the current one
                                        for the sessions it signed (default $AUTH_KEY_PARAMETER or
                                        /footfall/auth-key, token lifetime 43200 s)
  export --site S --from YYYY-MM-DD --to YYYY-MM-DD
                                        print daily views per page as CSV (the API's export format)
  goal add event|page MATCH --site S    add a goal: an event name, or a path pattern (/exact, /blog/* one
                                        segment, /docs/** any depth); prints its id
  goal remove ID --site S               remove a goal
  goal list --site S                    list a site's goals (id, kind, match)
  dead-letters list                     what the stream trigger set aside (writes DynamoDB refused for good,
                                        unreadable records), with why
  dead-letters replay [ID]              re-apply them (or one), each exactly once, after fixing the cause
  status [--stack NAME] [--site S,S] [--aws-endpoint URL]
                                        is counting keeping up? each site's newest counts, the trigger's lag
                                        (IteratorAge, last hour), the counting alarm, dead letters, the failure
                                        queue, then one verdict line; exits 1 unless healthy. --stack reads the
                                        rest from the stack's outputs (else --table, --site, --function, --alarm,
                                        --queue-url); pnpm dev prints its own status command line
  import legacy --from-table NAME --site S [--from DAY] [--to DAY] [--dry-run]
                                        import the original system's table (Python/Rust) as Footfall
                                        aggregates of site S, each UTC day once (a re-run skips days already
                                        imported); --dry-run only summarises what it would import

Options:
  --table NAME      the table (default: $TABLE_NAME)
  --endpoint URL    a DynamoDB endpoint, e.g. DynamoDB Local (default: $DYNAMODB_ENDPOINT)
  --region REGION   AWS region (default: the SDK's chain: $AWS_REGION, profile, ...)
  --aws-endpoint URL  CloudFormation/CloudWatch/SQS endpoint of status (default: $AWS_ENDPOINT_URL or AWS)
  -h, --help        this text

Passwords need at least 12 characters, not all blank, not a common password and not easy to guess.
Usernames ignore case: Bob and bob are the same user.
`;

/** Parses argv (without node and the script). @example parseCliArgs(['user', 'list', '--table', 't']) */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        table: { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        site: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        parameter: { type: 'string' },
        'token-ttl': { type: 'string' },
        force: { type: 'boolean', default: false },
        'from-table': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        stack: { type: 'string' },
        'aws-endpoint': { type: 'string' },
        function: { type: 'string' },
        alarm: { type: 'string' },
        'queue-url': { type: 'string' },
        role: { type: 'string' },
        sites: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    return {
      positionals,
      options: {
        table: values.table,
        endpoint: values.endpoint,
        region: values.region,
        passwordStdin: values['password-stdin'] === true,
        site: values.site,
        from: values.from,
        to: values.to,
        parameter: values.parameter,
        tokenTtl: values['token-ttl'],
        force: values.force === true,
        fromTable: values['from-table'],
        dryRun: values['dry-run'] === true,
        stack: values.stack,
        awsEndpoint: values['aws-endpoint'],
        function: values.function,
        alarm: values.alarm,
        queueUrl: values['queue-url'],
        role: values.role,
        sites: values.sites,
        help: values.help === true,
      },
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
