// All-in AWS list-price cost per million page views, computed from the measured figures (SPEC §6).
import { readFileSync } from 'node:fs';
import { parseCfnYaml } from '@footfall/template';

/** us-east-1 list prices used (USD). */
export const PRICES = {
  httpApiPerMillion: 1.0,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamodbWritePerMillionUnits: 0.625,
} as const;

export interface CostInput {
  requestsPerView: number;
  apiMsPerRequest: number;
  apiMemoryMb: number;
  triggerInvocationsPerView: number;
  triggerMsPerInvocation: number;
  triggerMemoryMb: number;
  writeUnitsPerView: number;
}

export interface CostResult extends CostInput {
  httpApi: number;
  lambdaRequests: number;
  lambdaCompute: number;
  dynamodbWrites: number;
  total: number;
}

/** Memory configured for each function in template.yaml (function property, else Globals). */
export function templateMemory(templateFile: string): { api: number; trigger: number } {
  const t = parseCfnYaml(readFileSync(templateFile, 'utf8')) as {
    Globals?: { Function?: { MemorySize?: number } };
    Resources?: Record<
      string,
      { Type?: string; Properties?: { MemorySize?: unknown; Events?: Record<string, { Type?: string }> } }
    >;
  };
  const fallback = Number(t.Globals?.Function?.MemorySize ?? 128);
  let api = fallback;
  let trigger = fallback;
  for (const r of Object.values(t.Resources ?? {})) {
    if (r.Type !== 'AWS::Serverless::Function') continue;
    const mem = typeof r.Properties?.MemorySize === 'number' ? r.Properties.MemorySize : fallback;
    const events = Object.values(r.Properties?.Events ?? {}).map((e) => e.Type);
    if (events.includes('DynamoDB')) trigger = mem;
    else if (events.includes('HttpApi')) api = mem;
  }
  return { api, trigger };
}

/** Cost of one million views: API requests, Lambda requests and GB-seconds (billed per started ms), writes. */
export function costPerMillionViews(c: CostInput): CostResult {
  const m = 1_000_000;
  const httpApi = c.requestsPerView * PRICES.httpApiPerMillion;
  const invocations = c.requestsPerView + c.triggerInvocationsPerView;
  const lambdaRequests = invocations * PRICES.lambdaRequestsPerMillion;
  const gbSeconds =
    c.requestsPerView * m * (Math.ceil(c.apiMsPerRequest) / 1000) * (c.apiMemoryMb / 1024) +
    c.triggerInvocationsPerView *
      m *
      (Math.ceil(c.triggerMsPerInvocation) / 1000) *
      (c.triggerMemoryMb / 1024);
  const lambdaCompute = gbSeconds * PRICES.lambdaArmPerGbSecond;
  const dynamodbWrites = c.writeUnitsPerView * PRICES.dynamodbWritePerMillionUnits;
  return {
    ...c,
    httpApi,
    lambdaRequests,
    lambdaCompute,
    dynamodbWrites,
    total: httpApi + lambdaRequests + lambdaCompute + dynamodbWrites,
  };
}
