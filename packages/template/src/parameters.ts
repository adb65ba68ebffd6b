// Resolves a template value that is either a literal or a `Ref` to a parameter (override, else Default).

import type { Result } from '@footfall/kernel';
import { TemplateError } from './errors';
import { isRecord, kindOf } from './guards';
import type { CfnTemplate } from './template';

/** Values for template parameters, taking precedence over their defaults (like `--parameter-overrides`). */
export type ParameterValues = Readonly<Record<string, string | number>>;

function refTarget(template: CfnTemplate, value: unknown, path: string, overrides: ParameterValues) {
  if (!isRecord(value) || typeof value.Ref !== 'string' || Object.keys(value).length !== 1) {
    return { ok: true as const, value };
  }
  const name = value.Ref;
  if (Object.hasOwn(overrides, name)) return { ok: true as const, value: overrides[name] };
  const parameter = template.Parameters[name];
  if (parameter === undefined) {
    return { ok: false as const, error: new TemplateError(path, `Ref ${name} names no parameter`) };
  }
  if (parameter.Default === undefined) {
    return {
      ok: false as const,
      error: new TemplateError(path, `parameter ${name} has no Default and no value was given`),
    };
  }
  return { ok: true as const, value: parameter.Default };
}

/** A number written literally or through a parameter Ref; undefined when the property is absent. */
export function resolveNumber(
  template: CfnTemplate,
  value: unknown,
  path: string,
  overrides: ParameterValues = {},
): Result<number | undefined, TemplateError> {
  if (value === undefined) return { ok: true, value: undefined };
  const target = refTarget(template, value, path, overrides);
  if (!target.ok) return target;
  const raw = target.value;
  const number = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    return {
      ok: false,
      error: new TemplateError(path, `expected a number, found ${kindOf(raw)} ${JSON.stringify(raw)}`),
    };
  }
  return { ok: true, value: number };
}

/** A boolean written literally or through a parameter Ref ("true"/"false"); undefined when absent. */
export function resolveBoolean(
  template: CfnTemplate,
  value: unknown,
  path: string,
  overrides: ParameterValues = {},
): Result<boolean | undefined, TemplateError> {
  if (value === undefined) return { ok: true, value: undefined };
  const target = refTarget(template, value, path, overrides);
  if (!target.ok) return target;
  const raw = target.value;
  if (raw === true || raw === 'true') return { ok: true, value: true };
  if (raw === false || raw === 'false') return { ok: true, value: false };
  return {
    ok: false,
    error: new TemplateError(path, `expected a boolean, found ${kindOf(raw)} ${JSON.stringify(raw)}`),
  };
}

/** A string written literally or through a parameter Ref; undefined when absent. */
export function resolveString(
  template: CfnTemplate,
  value: unknown,
  path: string,
  overrides: ParameterValues = {},
): Result<string | undefined, TemplateError> {
  if (value === undefined) return { ok: true, value: undefined };
  const target = refTarget(template, value, path, overrides);
  if (!target.ok) return target;
  const raw = target.value;
  if (typeof raw === 'string') return { ok: true, value: raw };
  if (typeof raw === 'number') return { ok: true, value: String(raw) };
  return { ok: false, error: new TemplateError(path, `expected a string, found ${kindOf(raw)}`) };
}
