// Lists the HTTP API routes template.yaml gives each function (its `Type: HttpApi` events).

import type { Result } from '@footfall/kernel';
import { TemplateError } from './errors';
import { isRecord } from './guards';
import type { CfnTemplate } from './template';

/** One route: `Method Path` as API Gateway matches it, and the function and event that declare it. */
export interface HttpRoute {
  method: string;
  path: string;
  functionLogicalId: string;
  eventLogicalId: string;
}

/** Every HttpApi event route of every serverless function in the template, in template order. */
export function httpRoutes(template: CfnTemplate): Result<HttpRoute[], TemplateError> {
  const routes: HttpRoute[] = [];
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function' || !isRecord(resource.Properties.Events)) continue;
    for (const [eventId, event] of Object.entries(resource.Properties.Events)) {
      if (!isRecord(event) || event.Type !== 'HttpApi') continue;
      const props = isRecord(event.Properties) ? event.Properties : {};
      const { Path: path, Method: method } = props;
      if (typeof path !== 'string' || typeof method !== 'string') {
        const at = `Resources.${functionId}.Properties.Events.${eventId}.Properties`;
        return {
          ok: false,
          error: new TemplateError(at, 'expected string Path and Method (no catch-all $default)'),
        };
      }
      routes.push({
        method: method.toUpperCase(),
        path,
        functionLogicalId: functionId,
        eventLogicalId: eventId,
      });
    }
  }
  return { ok: true, value: routes };
}
