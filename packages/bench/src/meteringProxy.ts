// An HTTP proxy in front of DynamoDB Local that meters what DynamoDB charges for every call a Lambda bundle makes:
// the bench runs the bundles `sam deploy` ships, so it cannot wrap their SDK client, only the wire.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CapacityMeter, recordCall } from './capacity';

/** The operations that accept ReturnConsumedCapacity (DynamoDB API reference). */
const METERED = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

/** A running proxy: give `endpoint` to a function as DYNAMODB_ENDPOINT; every call it makes lands in `meter`. */
export interface MeteringProxy {
  endpoint: string;
  /** Where the units go; swap it to meter a phase on its own. */
  meter: CapacityMeter;
  stop(): Promise<void>;
}

/**
 * Starts a proxy to `target` (DynamoDB Local): each metered request asks for `ReturnConsumedCapacity: TOTAL` and
 * the answer's units are added to the meter, so the figures are what DynamoDB (Local) charged. DynamoDB Local does
 * not check request signatures, so the changed body is accepted; the answer goes back byte for byte.
 * @example const proxy = await startMeteringProxy(ddb.endpoint, new CapacityMeter());
 */
export async function startMeteringProxy(target: string, meter: CapacityMeter): Promise<MeteringProxy> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      let body = Buffer.concat(chunks);
      let input: Record<string, unknown> | undefined;
      if (METERED.has(operation)) {
        input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        if (!input.ReturnConsumedCapacity) input.ReturnConsumedCapacity = 'TOTAL';
        body = Buffer.from(JSON.stringify(input));
      }
      const headers = { ...req.headers, host: to.host, 'content-length': String(body.length) };
      const upstream = request(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers },
        (answer) => {
          const out: Buffer[] = [];
          answer.on('data', (c: Buffer) => out.push(c));
          answer.on('end', () => {
            const text = Buffer.concat(out);
            if (input && answer.statusCode === 200)
              recordCall(proxy.meter, `${operation}Command`, input, JSON.parse(text.toString('utf8')));
            else if (input && text.includes('ConditionalCheckFailedException'))
              proxy.meter.conditionalFailures += 1;
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            res.end(text);
          });
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: MeteringProxy = {
    endpoint: `http://127.0.0.1:${port}`,
    meter,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
