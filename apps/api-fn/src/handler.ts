// The Lambda entry point: the API handler built from the environment once per container, on first use.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLogger } from '@footfall/kernel';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { loadConfig } from './config';
import { type ApiHandler, createApiHandler } from './createApiHandler';
import { errorResponse, type HttpResponse } from './http';
import { withSecurityHeaders } from './securityHeaders';

let built: ApiHandler | undefined;

// Built lazily so that importing this module (the CLI, the benchmark's load-time probe) has no side effects.
function build(): ApiHandler {
  const config = loadConfig(process.env);
  if (!config.ok) {
    const error = config.error;
    createLogger({ level: 'error' }).error('invalid configuration', { errorMessage: error.message });
    // Every request answers the same 500 until the deployment's environment is fixed.
    return async () => withSecurityHeaders(errorResponse(error));
  }
  const endpoint = config.value.dynamodbEndpoint;
  const dynamodb = new DynamoDBClient(endpoint ? { endpoint } : {});
  return createApiHandler({ config: config.value, dynamodb });
}

/** The Lambda handler (`handler.handler`) for API Gateway HTTP API payload 2.0 events. */
export async function handler(
  event: APIGatewayProxyEventV2,
  context?: Partial<Context>,
): Promise<HttpResponse> {
  built ??= build();
  return built(event, context);
}
