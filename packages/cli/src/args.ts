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
  user add <name> [--password-stdin]   create a dashboard user (asks for the password, or reads it from stdin)
  user passwd <name> [--password-stdin] set a user's password and end the user's sessions
  user signout <name>                   end every session of a user (within a minute)
  user remove <name>                    delete a user (its sessions end within a minute)
  user list                             list users (scans the table)
  user migrate                          move users stored with capitals to lower-case names (older versions)
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
  import legacy --from-table NAME [--site S] [--dry-run]
                                        read the original system's table (Python/Rust) and summarise what
                                        would become Footfall aggregates of site S (writing: not yet)

Options:
  --table NAME      the table (default: $TABLE_NAME)
  --endpoint URL    a DynamoDB endpoint, e.g. DynamoDB Local (default: $DYNAMODB_ENDPOINT)
  --region REGION   AWS region (default: the SDK's chain: $AWS_REGION, profile, ...)
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
        help: values.help === true,
      },
    };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
