// The dev stack's stand-in for the few AWS calls that watch the pipeline: CloudFormation DescribeStacks,
// CloudWatch DescribeAlarms and GetMetricData (the trigger's IteratorAge, as the poller measures it) and SQS
// GetQueueAttributes (the failure queue, kept as a file locally). The SDK clients of api-fn and the CLI talk to it
// exactly as they talk to AWS, through an endpoint override; nothing else of AWS is emulated.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IteratorAgeSeries } from './iteratorAge';

/** What the stand-in answers about: the local "stack" and the live state of its pipeline. */
export interface LocalAwsOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The local stack's name (DescribeStacks); its outputs name the resources below. */
  stackName: string;
  tableName: string;
  /** The sites the stack accepts (its AllowedSites parameter). */
  sites: readonly string[];
  /** The stream trigger's function name (IteratorAge's FunctionName dimension). */
  functionName: string;
  /** The counting alarm: its name and threshold (template.yaml: 300 s). */
  alarmName: string;
  alarmThresholdSeconds: number;
  /** The poller's lag now, seconds (what the alarm compares with its threshold). */
  lagSeconds: () => number;
  /** The lag as a metric, for GetMetricData. */
  iteratorAge: IteratorAgeSeries;
  /** Messages in the failure queue (the records given up on, kept in a file). */
  failureCount: () => number;
}

/** The running stand-in. */
export interface LocalAws {
  url: string;
  /** The failure queue's URL, as the stack's StreamFailureQueueUrl output gives it. */
  queueUrl: string;
  close(): Promise<void>;
}

class AwsFault extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new AwsFault(413, 'RequestEntityTooLarge', 'request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CloudWatch's JSON timestamps are epoch seconds. */
const seconds = (ms: number) => ms / 1000;

/**
 * Starts the stand-in on `host:port`.
 * @example const aws = await startLocalAws({ host: '127.0.0.1', port: 0, stackName: 'footfall', ... });
 */
export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  let url = '';
  const queueUrl = () => `${url}/queue/${options.stackName}-stream-failures`;

  const describeStacks = (params: URLSearchParams): string => {
    const name = params.get('StackName');
    if (name !== null && name !== options.stackName)
      throw new AwsFault(400, 'ValidationError', `Stack with id ${name} does not exist`);
    const outputs: [string, string][] = [
      ['TableName', options.tableName],
      ['StreamFailureQueueUrl', queueUrl()],
      ['StreamTriggerFunctionName', options.functionName],
      ['CountingBehindAlarmName', options.alarmName],
    ];
    const member = (k: string, v: string, key: string, value: string) =>
      `<member><${key}>${xmlText(k)}</${key}><${value}>${xmlText(v)}</${value}></member>`;
    return [
      '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">',
      '<DescribeStacksResult><Stacks><member>',
      `<StackName>${xmlText(options.stackName)}</StackName>`,
      `<StackId>local:${xmlText(options.stackName)}</StackId>`,
      '<StackStatus>CREATE_COMPLETE</StackStatus>',
      `<CreationTime>${new Date(0).toISOString()}</CreationTime>`,
      `<Outputs>${outputs.map(([k, v]) => member(k, v, 'OutputKey', 'OutputValue')).join('')}</Outputs>`,
      `<Parameters>${member('AllowedSites', options.sites.join(','), 'ParameterKey', 'ParameterValue')}</Parameters>`,
      '</member></Stacks></DescribeStacksResult>',
      '<ResponseMetadata><RequestId>local</RequestId></ResponseMetadata>',
      '</DescribeStacksResponse>',
    ].join('');
  };

  const describeAlarms = (input: Record<string, unknown>): unknown => {
    const names = Array.isArray(input.AlarmNames) ? input.AlarmNames : [options.alarmName];
    if (!names.includes(options.alarmName)) return { MetricAlarms: [], CompositeAlarms: [] };
    const lagMs = options.lagSeconds() * 1000;
    const thresholdMs = options.alarmThresholdSeconds * 1000;
    const behind = lagMs > thresholdMs;
    return {
      MetricAlarms: [
        {
          AlarmName: options.alarmName,
          Namespace: 'AWS/Lambda',
          MetricName: 'IteratorAge',
          Dimensions: [{ Name: 'FunctionName', Value: options.functionName }],
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: thresholdMs,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
          StateValue: behind ? 'ALARM' : 'OK',
          StateReason: behind
            ? `Threshold Crossed: the oldest waiting record is ${lagMs} ms old (pnpm dev's poller)`
            : 'pnpm dev: the poller is within the threshold',
          StateReasonData: JSON.stringify({
            version: '1.0',
            recentDatapoints: [lagMs],
            threshold: thresholdMs,
          }),
          StateUpdatedTimestamp: seconds(Date.now()),
        },
      ],
      CompositeAlarms: [],
    };
  };

  const getMetricData = (input: Record<string, unknown>): unknown => {
    const from = Number(input.StartTime) * 1000;
    const to = Number(input.EndTime) * 1000;
    if (!Number.isFinite(from) || !Number.isFinite(to))
      throw new AwsFault(400, 'InvalidParameterValueException', 'StartTime and EndTime are required');
    const queries = Array.isArray(input.MetricDataQueries) ? input.MetricDataQueries : [];
    return {
      MetricDataResults: queries.filter(isRecord).map((q) => {
        const stat = isRecord(q.MetricStat) ? q.MetricStat : {};
        const metric = isRecord(stat.Metric) ? stat.Metric : {};
        const dims = Array.isArray(metric.Dimensions) ? metric.Dimensions.filter(isRecord) : [];
        const ours =
          metric.Namespace === 'AWS/Lambda' &&
          metric.MetricName === 'IteratorAge' &&
          dims.some((d) => d.Name === 'FunctionName' && d.Value === options.functionName);
        const points = ours ? options.iteratorAge.datapoints(from, to) : [];
        return {
          Id: q.Id,
          Label: 'IteratorAge',
          Timestamps: points.map((p) => seconds(p.minute)),
          Values: points.map((p) => p.maximumMs),
          StatusCode: 'Complete',
        };
      }),
      Messages: [],
    };
  };

  const getQueueAttributes = (input: Record<string, unknown>): unknown => {
    if (input.QueueUrl !== queueUrl())
      throw new AwsFault(
        400,
        'AWS.SimpleQueueService.NonExistentQueue',
        'The specified queue does not exist.',
      );
    const n = String(options.failureCount());
    return { Attributes: { ApproximateNumberOfMessages: n, ApproximateNumberOfMessagesNotVisible: '0' } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target === '') {
      // CloudFormation speaks the query protocol: a form body with Action=…
      const params = new URLSearchParams(body);
      if (params.get('Action') !== 'DescribeStacks')
        throw new AwsFault(
          400,
          'InvalidAction',
          `pnpm dev does not emulate ${params.get('Action') ?? 'this'}`,
        );
      const xml = describeStacks(params);
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(xml);
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(body || '{}');
    } catch {
      throw new AwsFault(400, 'SerializationException', 'body is not JSON');
    }
    if (!isRecord(input)) throw new AwsFault(400, 'SerializationException', 'body is not an object');
    const answers: Record<string, (i: Record<string, unknown>) => unknown> = {
      'GraniteServiceVersion20100801.DescribeAlarms': describeAlarms,
      'GraniteServiceVersion20100801.GetMetricData': getMetricData,
      'AmazonSQS.GetQueueAttributes': getQueueAttributes,
    };
    const answer = answers[target];
    if (answer === undefined)
      throw new AwsFault(400, 'UnknownOperationException', `pnpm dev does not emulate ${target}`);
    const output = JSON.stringify(answer(input));
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(output);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const fault = error instanceof AwsFault ? error : new AwsFault(500, 'InternalFailure', String(error));
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (String(req.headers['x-amz-target'] ?? '') === '') {
        res.writeHead(fault.status, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>${xmlText(fault.type)}</Code><Message>${xmlText(fault.message)}</Message></Error><RequestId>local</RequestId></ErrorResponse>`,
        );
        return;
      }
      res.writeHead(fault.status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-query-error': `${fault.type};Sender`,
      });
      res.end(JSON.stringify({ __type: fault.type, message: fault.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  url = `http://${options.host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    queueUrl: queueUrl(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
