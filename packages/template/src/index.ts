// Public face of @footfall/template: template.yaml readers and the Lambda event filter evaluator for local runs.
export { cfnTags, parseCfnYaml } from './cfnYaml';
export { FilterPatternError, TemplateError, TemplateReaderError } from './errors';
export {
  type FilterMatcher,
  type FilterPattern,
  matchesFilterCriteria,
  matchesFilterPattern,
  parseFilterPattern,
} from './filterPattern';
export { isRecord, kindOf } from './guards';
export { type HttpRoute, httpRoutes } from './httpRoutes';
export { type ParameterValues, resolveBoolean, resolveNumber, resolveString } from './parameters';
export {
  readStreamEventSettings,
  type StreamEventOptions,
  type StreamEventSettings,
  streamEventSettings,
} from './streamEventSettings';
export {
  type CfnParameter,
  type CfnResource,
  type CfnTemplate,
  loadTemplate,
  parseTemplate,
} from './template';
