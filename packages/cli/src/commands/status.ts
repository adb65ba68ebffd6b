// `footfall status`: is counting keeping up? Newest counts per site, the trigger's lag, dead letters, failure queue.
import type { CliOptions } from '../args';
import { createTarget, isLoopback, LOCAL_CREDENTIALS, LOCAL_REGION } from '../client';
import { ReportedFailure, UsageError } from '../errors';
import type { CliIo } from '../io';
import { awsClients, describeStack, readStatus, type StatusTargets } from '../status/readStatus';
import { formatStatus, statusVerdict } from '../status/verdict';

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');

/**
 * Prints the pipeline's state and one verdict line; fails with exit code 1 (ReportedFailure, nothing more
 * printed) unless healthy, for cron and CI.
 * `--stack` reads the table, sites, trigger, alarm and queue from the stack's outputs; without it they are named
 * with --table, --site, --function, --alarm and --queue-url. `--aws-endpoint` points CloudFormation, CloudWatch
 * and SQS at `pnpm dev`'s stand-in.
 */
export async function status(options: CliOptions, io: CliIo): Promise<void> {
  const awsEndpoint = options.awsEndpoint ?? (io.env.AWS_ENDPOINT_URL || undefined);
  const local = awsEndpoint !== undefined && isLoopback(awsEndpoint);
  const awsConfig = {
    ...(options.region
      ? { region: options.region }
      : local
        ? { region: io.env.AWS_REGION || LOCAL_REGION }
        : {}),
    ...(awsEndpoint ? { endpoint: awsEndpoint } : {}),
    ...(local && !io.env.AWS_ACCESS_KEY_ID && !io.env.AWS_PROFILE ? { credentials: LOCAL_CREDENTIALS } : {}),
  };

  let table = options.table;
  let sites = list(options.site);
  let functionName = options.function;
  let alarmName = options.alarm;
  let queueUrl = options.queueUrl;
  if (options.stack) {
    const stack = await describeStack(options.stack, awsConfig);
    table ??= stack.outputs.TableName;
    if (sites.length === 0) sites = list(stack.parameters.AllowedSites);
    functionName ??= stack.outputs.StreamTriggerFunctionName;
    alarmName ??= stack.outputs.CountingBehindAlarmName;
    queueUrl ??= stack.outputs.StreamFailureQueueUrl;
  }
  if (sites.length === 0)
    throw new UsageError('Name the sites with --site a.example,b.example, or the stack with --stack.');
  const target = createTarget({ ...options, table }, io.env);
  const targets: StatusTargets = {
    dynamodb: target.dynamodb,
    tableName: target.tableName,
    sites,
    functionName,
    alarmName,
    queueUrl,
    missingWhy:
      options.stack === undefined &&
      awsEndpoint === undefined &&
      (options.endpoint ?? io.env.DYNAMODB_ENDPOINT)
        ? 'DynamoDB Local has no CloudWatch: use the command `pnpm dev` prints, with --aws-endpoint'
        : undefined,
  };
  const aws = await awsClients(awsConfig);
  try {
    const report = await readStatus(targets, aws, Date.now());
    io.stdout.write(
      `Footfall status: table ${target.tableName}${options.stack ? `, stack ${options.stack}` : ''}\n`,
    );
    for (const line of formatStatus(report)) io.stdout.write(`${line}\n`);
    const verdict = statusVerdict(report);
    if (!verdict.healthy) throw new ReportedFailure(verdict.line);
  } finally {
    aws.destroy();
    target.dynamodb.destroy();
  }
}
