// `footfall site add|remove|list`: the sites whose events are accepted, as site items (SPEC §3: sites are data).
import { isValidSite, normaliseSite } from '@footfall/core-model';
import { addSite, listSites, removeSite } from '@footfall/store';
import type { Target } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';

/** How long a change takes to reach every running api-fn (its site cache). */
const SITE_DELAY = 'within a minute';

/** Checks a site argument and returns its one spelling (lower-case). */
export function checkSite(host: string | undefined): string {
  if (!host) throw new UsageError('Name the site, e.g. `footfall site add blog.example.com`.');
  const site = normaliseSite(host);
  if (!isValidSite(site)) throw new UsageError(`${host} is not a host name (such as blog.example.com).`);
  return site;
}

/** `site add <host>`: its events are accepted within a minute. */
export async function siteAdd(target: Target, io: CliIo, host: string | undefined): Promise<void> {
  const site = checkSite(host);
  if ((await addSite(target, site, Date.now())) === 'exists')
    throw new CliError(`Site ${site} exists already.`);
  io.stderr.write(`Added site ${site}; its events are accepted ${SITE_DELAY}.\n`);
  io.stderr.write(
    `Paste into its pages: <script defer src="https://<api>/beacon.js" data-site="${site}"></script>\n`,
  );
}

/** `site remove <host>`: its events are refused within a minute; its aggregates stay. */
export async function siteRemove(target: Target, io: CliIo, host: string | undefined): Promise<void> {
  const site = checkSite(host);
  if ((await removeSite(target, site)) === 'missing') throw new CliError(`There is no site ${site}.`);
  io.stderr.write(
    `Removed site ${site}; its events are refused ${SITE_DELAY}. Its numbers stay in the table ` +
      '(docs/deploy.md says how to delete them).\n',
  );
}

/** `site list`: one site per line. */
export async function siteList(target: Target, io: CliIo): Promise<void> {
  const { sites, errors, seeded } = await listSites(target);
  for (const e of errors) io.stderr.write(`Skipped an unreadable site item: ${e.message}\n`);
  for (const site of sites) io.stdout.write(`${site}\n`);
  if (!seeded && sites.length === 0)
    io.stderr.write('No site list yet: api-fn writes AllowedSites on its first request.\n');
}
