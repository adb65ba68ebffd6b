// Derives DynamoDB CreateTable input from template.yaml's AWS::DynamoDB::Table, the one schema definition.
import { readFileSync } from 'node:fs';
import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
  StreamSpecification,
  TimeToLiveSpecification,
} from '@aws-sdk/client-dynamodb';
import type { Result } from '@footfall/kernel';
import { parseCfnYaml } from '@footfall/template';
import { TemplateError } from './errors';
import { templatePath as defaultTemplatePath } from './repoRoot';

/** CreateTable input without a name (each caller names its table), plus the TTL setting applied afterwards. */
export interface TableDefinition {
  /** Logical id of the resource in the template, e.g. `Table`. */
  logicalId: string;
  createTable: Omit<CreateTableCommandInput, 'TableName'>;
  timeToLive: TimeToLiveSpecification | undefined;
}

/** Which table to pick when a template has more than one. */
export interface TableDefinitionOptions {
  logicalId?: string;
}

type Obj = Record<string, unknown>;

/** Thrown inside the mapping functions and turned into a Result at the boundary. */
class Invalid extends Error {}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, at: string): string {
  if (typeof value !== 'string')
    throw new Invalid(`${at} must be a literal string, got ${JSON.stringify(value)}`);
  return value;
}

function obj(value: unknown, at: string): Obj {
  if (!isObj(value)) throw new Invalid(`${at} must be a mapping`);
  return value;
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new Invalid(`${at} must be a list`);
  return value;
}

function bool(value: unknown, at: string): boolean {
  // CloudFormation accepts "true"/"false" strings for booleans.
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Invalid(`${at} must be a boolean`);
}

function num(value: unknown, at: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Invalid(`${at} must be a number`);
  return n;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], at: string): T {
  const s = str(value, at);
  if (!(allowed as readonly string[]).includes(s))
    throw new Invalid(`${at} must be one of ${allowed.join(', ')}`);
  return s as T;
}

function attributeDefinitions(value: unknown, at: string): AttributeDefinition[] {
  return list(value, at).map((raw, i) => {
    const o = obj(raw, `${at}[${i}]`);
    return {
      AttributeName: str(o.AttributeName, `${at}[${i}].AttributeName`),
      AttributeType: oneOf(o.AttributeType, ['S', 'N', 'B'] as const, `${at}[${i}].AttributeType`),
    };
  });
}

function keySchema(value: unknown, at: string): KeySchemaElement[] {
  return list(value, at).map((raw, i) => {
    const o = obj(raw, `${at}[${i}]`);
    return {
      AttributeName: str(o.AttributeName, `${at}[${i}].AttributeName`),
      KeyType: oneOf(o.KeyType, ['HASH', 'RANGE'] as const, `${at}[${i}].KeyType`),
    };
  });
}

function projection(value: unknown, at: string): Projection {
  const o = obj(value, at);
  const out: Projection = {};
  if (o.ProjectionType !== undefined) {
    out.ProjectionType = oneOf(
      o.ProjectionType,
      ['ALL', 'KEYS_ONLY', 'INCLUDE'] as const,
      `${at}.ProjectionType`,
    );
  }
  if (o.NonKeyAttributes !== undefined) {
    out.NonKeyAttributes = list(o.NonKeyAttributes, `${at}.NonKeyAttributes`).map((a, i) =>
      str(a, `${at}.NonKeyAttributes[${i}]`),
    );
  }
  return out;
}

function throughput(value: unknown, at: string): ProvisionedThroughput {
  const o = obj(value, at);
  return {
    ReadCapacityUnits: num(o.ReadCapacityUnits, `${at}.ReadCapacityUnits`),
    WriteCapacityUnits: num(o.WriteCapacityUnits, `${at}.WriteCapacityUnits`),
  };
}

function globalIndexes(value: unknown, at: string, provisioned: boolean): GlobalSecondaryIndex[] {
  return list(value, at).map((raw, i) => {
    const o = obj(raw, `${at}[${i}]`);
    const index: GlobalSecondaryIndex = {
      IndexName: str(o.IndexName, `${at}[${i}].IndexName`),
      KeySchema: keySchema(o.KeySchema, `${at}[${i}].KeySchema`),
      Projection: projection(o.Projection, `${at}[${i}].Projection`),
    };
    if (provisioned && o.ProvisionedThroughput !== undefined) {
      index.ProvisionedThroughput = throughput(o.ProvisionedThroughput, `${at}[${i}].ProvisionedThroughput`);
    }
    return index;
  });
}

function localIndexes(value: unknown, at: string): LocalSecondaryIndex[] {
  return list(value, at).map((raw, i) => {
    const o = obj(raw, `${at}[${i}]`);
    return {
      IndexName: str(o.IndexName, `${at}[${i}].IndexName`),
      KeySchema: keySchema(o.KeySchema, `${at}[${i}].KeySchema`),
      Projection: projection(o.Projection, `${at}[${i}].Projection`),
    };
  });
}

function streamSpecification(value: unknown, at: string): StreamSpecification {
  const o = obj(value, at);
  return {
    // In CloudFormation a StreamSpecification's presence is what enables the stream.
    StreamEnabled: true,
    StreamViewType: oneOf(
      o.StreamViewType,
      ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const,
      `${at}.StreamViewType`,
    ),
  };
}

function timeToLive(value: unknown, at: string): TimeToLiveSpecification {
  const o = obj(value, at);
  return {
    AttributeName: str(o.AttributeName, `${at}.AttributeName`),
    Enabled: bool(o.Enabled, `${at}.Enabled`),
  };
}

function pickTable(template: unknown, logicalId: string | undefined): [string, Obj] {
  const resources = obj(obj(template, 'template').Resources, 'Resources');
  const tables = Object.entries(resources).filter(
    ([, r]) => isObj(r) && r.Type === 'AWS::DynamoDB::Table',
  ) as [string, Obj][];
  if (logicalId !== undefined) {
    const found = tables.find(([id]) => id === logicalId);
    if (found === undefined) throw new Invalid(`no AWS::DynamoDB::Table named ${logicalId}`);
    return found;
  }
  const [first, ...rest] = tables;
  if (first === undefined) throw new Invalid('no AWS::DynamoDB::Table resource');
  if (rest.length > 0) {
    throw new Invalid(`several tables (${tables.map(([id]) => id).join(', ')}); pass logicalId`);
  }
  return first;
}

function toDefinition(template: unknown, options: TableDefinitionOptions): TableDefinition {
  const [logicalId, resource] = pickTable(template, options.logicalId);
  const at = `Resources.${logicalId}.Properties`;
  const p = obj(resource.Properties, at);
  const billingMode = oneOf(
    p.BillingMode ?? 'PROVISIONED',
    ['PAY_PER_REQUEST', 'PROVISIONED'] as const,
    `${at}.BillingMode`,
  );
  const provisioned = billingMode === 'PROVISIONED';
  const createTable: Omit<CreateTableCommandInput, 'TableName'> = {
    AttributeDefinitions: attributeDefinitions(p.AttributeDefinitions, `${at}.AttributeDefinitions`),
    KeySchema: keySchema(p.KeySchema, `${at}.KeySchema`),
    BillingMode: billingMode,
  };
  if (provisioned) {
    createTable.ProvisionedThroughput = throughput(p.ProvisionedThroughput, `${at}.ProvisionedThroughput`);
  }
  if (p.GlobalSecondaryIndexes !== undefined) {
    createTable.GlobalSecondaryIndexes = globalIndexes(
      p.GlobalSecondaryIndexes,
      `${at}.GlobalSecondaryIndexes`,
      provisioned,
    );
  }
  if (p.LocalSecondaryIndexes !== undefined) {
    createTable.LocalSecondaryIndexes = localIndexes(p.LocalSecondaryIndexes, `${at}.LocalSecondaryIndexes`);
  }
  if (p.StreamSpecification !== undefined) {
    createTable.StreamSpecification = streamSpecification(p.StreamSpecification, `${at}.StreamSpecification`);
  }
  const ttl =
    p.TimeToLiveSpecification === undefined
      ? undefined
      : timeToLive(p.TimeToLiveSpecification, `${at}.TimeToLiveSpecification`);
  return { logicalId, createTable, timeToLive: ttl };
}

/** Parses template text into the table definition, or an error naming the offending property path. */
export function parseTableDefinition(
  text: string,
  source = 'template.yaml',
  options: TableDefinitionOptions = {},
): Result<TableDefinition, TemplateError> {
  let template: unknown;
  try {
    template = parseCfnYaml(text);
  } catch (cause) {
    return { ok: false, error: new TemplateError(source, 'not valid YAML', { cause }) };
  }
  try {
    return { ok: true, value: toDefinition(template, options) };
  } catch (cause) {
    if (cause instanceof Invalid) return { ok: false, error: new TemplateError(source, cause.message) };
    throw cause;
  }
}

/** Reads template.yaml (the repository's by default) and returns its table definition; throws TemplateError. */
export function readTableDefinition(
  path: string = defaultTemplatePath(),
  options: TableDefinitionOptions = {},
): TableDefinition {
  const result = parseTableDefinition(readFileSync(path, 'utf8'), path, options);
  if (!result.ok) throw result.error;
  return result.value;
}
