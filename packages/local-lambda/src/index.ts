// Public face of @footfall/local-lambda: a built Lambda bundle run as one local function.
export { BundleMissingError, LocalLambdaError } from './errors';
export {
  type InvokeError,
  type InvokeOptions,
  type InvokeResult,
  LocalLambda,
  type LocalLambdaOptions,
} from './localLambda';
