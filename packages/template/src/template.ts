// Loads template.yaml (CloudFormation YAML with short intrinsic tags) into checked top-level sections.
import { readFileSync } from 'node:fs';
import type { Result } from '@footfall/kernel';
import { parseCfnYaml } from './cfnYaml';
import { TemplateError } from './errors';
import { isRecord, kindOf } from './guards';

/** One resource of the template, as written (SAM resources untransformed, intrinsics in long form). */
export interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: unknown;
  UpdateReplacePolicy?: unknown;
  [attribute: string]: unknown;
}

/** A template parameter; only the fields this package reads are typed. */
export interface CfnParameter {
  Type: string;
  Default?: unknown;
  [attribute: string]: unknown;
}

/** The sections of a SAM template this package works with. */
export interface CfnTemplate {
  Transform: unknown;
  Parameters: Record<string, CfnParameter>;
  Globals: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, unknown>;
}

function section(doc: Record<string, unknown>, name: string): Result<Record<string, unknown>, TemplateError> {
  const value = doc[name];
  if (value === undefined) return { ok: true, value: {} };
  if (!isRecord(value))
    return { ok: false, error: new TemplateError(name, `expected a map, found ${kindOf(value)}`) };
  return { ok: true, value };
}

/** Parses the text of a SAM/CloudFormation YAML template and checks the shape of its sections. */
export function parseTemplate(text: string): Result<CfnTemplate, TemplateError> {
  let doc: unknown;
  try {
    doc = parseCfnYaml(text);
  } catch (error) {
    return { ok: false, error: new TemplateError('(document)', 'not valid YAML', { cause: error }) };
  }
  if (!isRecord(doc))
    return { ok: false, error: new TemplateError('(document)', `expected a map, found ${kindOf(doc)}`) };

  const sections: Record<string, Record<string, unknown>> = {};
  for (const name of ['Parameters', 'Globals', 'Resources', 'Outputs']) {
    const found = section(doc, name);
    if (!found.ok) return found;
    sections[name] = found.value;
  }
  const resources: Record<string, CfnResource> = {};
  for (const [id, resource] of Object.entries(sections.Resources ?? {})) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      return { ok: false, error: new TemplateError(`Resources.${id}`, 'expected a map with a string Type') };
    }
    const properties = resource.Properties ?? {};
    if (!isRecord(properties)) {
      return {
        ok: false,
        error: new TemplateError(`Resources.${id}.Properties`, `expected a map, found ${kindOf(properties)}`),
      };
    }
    resources[id] = { ...resource, Type: resource.Type, Properties: properties };
  }
  const parameters: Record<string, CfnParameter> = {};
  for (const [name, parameter] of Object.entries(sections.Parameters ?? {})) {
    if (!isRecord(parameter) || typeof parameter.Type !== 'string') {
      return {
        ok: false,
        error: new TemplateError(`Parameters.${name}`, 'expected a map with a string Type'),
      };
    }
    parameters[name] = { ...parameter, Type: parameter.Type };
  }
  return {
    ok: true,
    value: {
      Transform: doc.Transform,
      Parameters: parameters,
      Globals: sections.Globals ?? {},
      Resources: resources,
      Outputs: sections.Outputs ?? {},
    },
  };
}

/** Reads and parses a template file. @example loadTemplate('template.yaml') */
export function loadTemplate(templatePath: string): Result<CfnTemplate, TemplateError> {
  let text: string;
  try {
    text = readFileSync(templatePath, 'utf8');
  } catch (error) {
    return { ok: false, error: new TemplateError(templatePath, 'cannot be read', { cause: error }) };
  }
  return parseTemplate(text);
}
