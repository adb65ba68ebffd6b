// Reads the stream trigger's DynamoDB event settings from template.yaml, so local runs poll the way AWS does.

import type { Result } from '@footfall/kernel';
import { TemplateError } from './errors';
import { type FilterPattern, parseFilterPattern } from './filterPattern';
import { isRecord } from './guards';
import { type ParameterValues, resolveBoolean, resolveNumber, resolveString } from './parameters';
import { type CfnTemplate, loadTemplate } from './template';

/** The event source mapping settings of a function's DynamoDB stream event, with Lambda's defaults filled in. */
export interface StreamEventSettings {
  functionLogicalId: string;
  eventLogicalId: string;
  startingPosition: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  bisectBatchOnFunctionError: boolean;
  /** -1 means retry until the record expires (Lambda's default). */
  maximumRetryAttempts: number;
  /** -1 means no age limit (Lambda's default). */
  maximumRecordAgeInSeconds: number;
  functionResponseTypes: string[];
  filterPatterns: FilterPattern[];
  /** The patterns as written in the template, for logs. */
  filterPatternSources: string[];
  hasOnFailureDestination: boolean;
}

/** Which event to read and the parameter values to resolve Refs with (defaults otherwise). */
export interface StreamEventOptions {
  functionLogicalId?: string;
  parameters?: ParameterValues;
}

interface Found {
  functionId: string;
  eventId: string;
  properties: Record<string, unknown>;
}

function findStreamEvents(template: CfnTemplate): Found[] {
  const found: Found[] = [];
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function' || !isRecord(resource.Properties.Events)) continue;
    for (const [eventId, event] of Object.entries(resource.Properties.Events)) {
      if (isRecord(event) && event.Type === 'DynamoDB' && isRecord(event.Properties)) {
        found.push({ functionId, eventId, properties: event.Properties });
      }
    }
  }
  return found;
}

function patternsOf(
  value: unknown,
  path: string,
): Result<{ sources: string[]; patterns: FilterPattern[] }, TemplateError> {
  const sources: string[] = [];
  const patterns: FilterPattern[] = [];
  if (value === undefined) return { ok: true, value: { sources, patterns } };
  const filters = isRecord(value) ? value.Filters : undefined;
  if (!Array.isArray(filters))
    return { ok: false, error: new TemplateError(path, 'expected Filters: a list') };
  for (const [i, filter] of filters.entries()) {
    const source = isRecord(filter) ? filter.Pattern : undefined;
    if (typeof source !== 'string') {
      return {
        ok: false,
        error: new TemplateError(`${path}.Filters[${i}].Pattern`, 'expected a JSON string'),
      };
    }
    const parsed = parseFilterPattern(source);
    if (!parsed.ok) {
      return {
        ok: false,
        error: new TemplateError(`${path}.Filters[${i}].Pattern`, parsed.error.message, {
          cause: parsed.error,
        }),
      };
    }
    sources.push(source);
    patterns.push(parsed.value);
  }
  return { ok: true, value: { sources, patterns } };
}

/** The DynamoDB stream event settings of a parsed template. */
export function streamEventSettings(
  template: CfnTemplate,
  options: StreamEventOptions = {},
): Result<StreamEventSettings, TemplateError> {
  const all = findStreamEvents(template);
  const candidates =
    options.functionLogicalId === undefined
      ? all
      : all.filter((f) => f.functionId === options.functionLogicalId);
  const [event, ...others] = candidates;
  if (event === undefined)
    return { ok: false, error: new TemplateError('Resources', 'no function with a DynamoDB event') };
  if (others.length > 0) {
    return {
      ok: false,
      error: new TemplateError('Resources', 'several DynamoDB events: pass functionLogicalId'),
    };
  }
  const p = event.properties;
  const at = (key: string) =>
    `Resources.${event.functionId}.Properties.Events.${event.eventId}.Properties.${key}`;
  const params = options.parameters ?? {};

  const startingPosition = resolveString(template, p.StartingPosition, at('StartingPosition'), params);
  if (!startingPosition.ok) return startingPosition;
  const batchSize = resolveNumber(template, p.BatchSize, at('BatchSize'), params);
  if (!batchSize.ok) return batchSize;
  const window = resolveNumber(
    template,
    p.MaximumBatchingWindowInSeconds,
    at('MaximumBatchingWindowInSeconds'),
    params,
  );
  if (!window.ok) return window;
  const bisect = resolveBoolean(
    template,
    p.BisectBatchOnFunctionError,
    at('BisectBatchOnFunctionError'),
    params,
  );
  if (!bisect.ok) return bisect;
  const retries = resolveNumber(template, p.MaximumRetryAttempts, at('MaximumRetryAttempts'), params);
  if (!retries.ok) return retries;
  const maxAge = resolveNumber(
    template,
    p.MaximumRecordAgeInSeconds,
    at('MaximumRecordAgeInSeconds'),
    params,
  );
  if (!maxAge.ok) return maxAge;
  const filters = patternsOf(p.FilterCriteria, at('FilterCriteria'));
  if (!filters.ok) return filters;
  if (startingPosition.value === undefined) {
    return { ok: false, error: new TemplateError(at('StartingPosition'), 'required for a DynamoDB event') };
  }
  const types = p.FunctionResponseTypes ?? [];
  if (!Array.isArray(types) || !types.every((t) => typeof t === 'string')) {
    return { ok: false, error: new TemplateError(at('FunctionResponseTypes'), 'expected a list of strings') };
  }
  const destination = isRecord(p.DestinationConfig) ? p.DestinationConfig.OnFailure : undefined;

  return {
    ok: true,
    value: {
      functionLogicalId: event.functionId,
      eventLogicalId: event.eventId,
      startingPosition: startingPosition.value,
      // Lambda's defaults for DynamoDB streams.
      batchSize: batchSize.value ?? 100,
      maximumBatchingWindowInSeconds: window.value ?? 0,
      bisectBatchOnFunctionError: bisect.value ?? false,
      maximumRetryAttempts: retries.value ?? -1,
      maximumRecordAgeInSeconds: maxAge.value ?? -1,
      functionResponseTypes: types,
      filterPatterns: filters.value.patterns,
      filterPatternSources: filters.value.sources,
      hasOnFailureDestination: isRecord(destination) && destination.Destination !== undefined,
    },
  };
}

/**
 * Reads a template file and returns its DynamoDB stream event settings (batch size, window, filters, retries).
 * @example const s = readStreamEventSettings('template.yaml'); if (s.ok) poll(s.value.batchSize)
 */
export function readStreamEventSettings(
  templatePath: string,
  options: StreamEventOptions = {},
): Result<StreamEventSettings, TemplateError> {
  const template = loadTemplate(templatePath);
  if (!template.ok) return template;
  return streamEventSettings(template.value, options);
}
