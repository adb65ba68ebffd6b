// Child-process side of the bundle tests: imports a built Lambda bundle (an ES module, which Jest's CommonJS
// runtime cannot load), invokes its handler once with the event from stdin and writes the result to a file
// (stdout belongs to the handler's logs). Usage: node invokeBundle.mjs <bundle.mjs> <result.json> < event.json
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, resultFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(0, 'utf8'));
const { handler } = await import(pathToFileURL(bundle).href);
const deadline = Date.now() + 60_000;
// The Lambda context fields the handlers read: request id for logs, remaining time for the trigger's undo margin.
const context = {
  awsRequestId: 'bundle-test-request',
  functionName: 'bundle-test',
  functionVersion: '$LATEST',
  memoryLimitInMB: '256',
  getRemainingTimeInMillis: () => deadline - Date.now(),
};
const result = await handler(event, context);
writeFileSync(resultFile, JSON.stringify(result ?? null));
