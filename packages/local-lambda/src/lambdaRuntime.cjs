// Worker-thread side of a local Lambda: loads one bundle the way the Node.js runtime does and runs invocations.
// Plain CommonJS on purpose: the worker runs in bare Node (no tsx, no Jest transform), like Lambda's runtime.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');

const { bundlePath, exportName, functionName, memoryMb, region } = workerData;

// The time an invocation may ask for (a harness replaying a recorded workload at its own times): Date.now is
// wrapped before the bundle loads, since code may keep a reference to it, and reads that time all through the
// invocation; without one it reads real time. Deadlines always use real time.
const realNow = Date.now.bind(Date);
let fixedClockMs;
Date.now = () => fixedClockMs ?? realNow();

function describeError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, stack: error.stack };
  }
  return { errorType: 'Error', errorMessage: String(error) };
}

async function loadHandler() {
  // import() reads CommonJS and ES module bundles alike; a CJS bundle's exports also sit on `default`.
  const mod = await import(pathToFileURL(bundlePath).href);
  const handler = mod[exportName] ?? mod.default?.[exportName];
  if (typeof handler !== 'function') {
    const error = new Error(`${bundlePath} does not export a function named "${exportName}"`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return handler;
}

const handlerPromise = loadHandler();
handlerPromise.then(
  () => parentPort.postMessage({ type: 'ready' }),
  (error) => parentPort.postMessage({ type: 'init-error', error: describeError(error) }),
);

function contextFor(requestId, deadlineMs) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - realNow()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function run(handler, event, context) {
  return new Promise((resolve, reject) => {
    // Handlers taking three parameters may answer through the callback, as Lambda allows.
    const callback = (error, value) => (error ? reject(error) : resolve(value));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    else if (handler.length < 3) resolve(returned);
  });
}

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  const { id, event, requestId, deadlineMs, clockMs } = message;
  fixedClockMs = typeof clockMs === 'number' ? clockMs : undefined;
  try {
    const handler = await handlerPromise;
    const value = await run(handler, event, contextFor(requestId, deadlineMs));
    // Lambda returns the result serialised as JSON (undefined becomes null, Dates become strings).
    const json = value === undefined ? 'null' : JSON.stringify(value);
    parentPort.postMessage({ type: 'result', id, ok: true, json });
  } catch (error) {
    parentPort.postMessage({ type: 'result', id, ok: false, error: describeError(error) });
  }
});
