// Paths of the repository files under test, and loaders that fail the test loudly when a file is broken.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CfnResource, type CfnTemplate, loadTemplate } from '@footfall/template';

export const repoRoot = resolve(__dirname, '../../../..');
export const templatePath = join(repoRoot, 'template.yaml');

/** The repository's template.yaml, parsed; throws with the parser's message if it cannot be. */
export function repoTemplate(): CfnTemplate {
  const loaded = loadTemplate(templatePath);
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}

/** A resource by logical id; throws when it is missing so the test names what is absent. */
export function resource(template: CfnTemplate, id: string): CfnResource {
  const found = template.Resources[id];
  if (found === undefined) throw new Error(`template.yaml has no resource ${id}`);
  return found;
}

/** Logical ids of every resource of a type. */
export function idsOfType(template: CfnTemplate, type: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
}

/** A repository file's text. */
export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}
