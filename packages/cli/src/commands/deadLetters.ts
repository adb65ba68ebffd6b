// `footfall dead-letters list|replay`: what the stream trigger set aside because DynamoDB refused it for good.
import { type DeadLetter, decodeRecord } from '@footfall/core-model';
import { listDeadLetters, replayDeadLetter } from '@footfall/store';
import type { Target } from '../client';
import { CliError } from '../errors';
import type { CliIo } from '../io';

/** One line per dead letter: id, kind, what it would change, and why it was refused. */
function describeLetter(d: DeadLetter): string {
  const what =
    d.kind === 'update'
      ? `${d.target?.path ?? '?'} ${d.target?.section ?? '?'} (${Object.keys(d.adds ?? {}).length} counters)`
      : `stream record ${d.source ?? '(no sequence number)'}${decodeRecord(safeParse(d.record), 0).kind === 'poison' ? ', still unreadable' : ', readable now'}`;
  const claimed =
    d.claimedAt === undefined ? '' : ` [replay claimed ${new Date(d.claimedAt).toISOString()}, not finished]`;
  return `${d.id}  ${d.kind}  ${what}${claimed}\n    ${d.error}\n`;
}

function safeParse(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/** Lists every dead letter, oldest first; the count goes to stderr so a script can pipe the list. */
export async function deadLettersList(target: Target, io: CliIo): Promise<void> {
  const { letters, unreadable } = await listDeadLetters(target);
  for (const d of letters) io.stdout.write(describeLetter(d));
  for (const u of unreadable) io.stdout.write(`${u.id}  unreadable dead letter: ${u.error.message}\n`);
  io.stderr.write(
    letters.length === 0 && unreadable.length === 0
      ? 'No dead letters: every write of the stream trigger landed.\n'
      : `${letters.length} dead letter(s). Fix the cause, then run \`footfall dead-letters replay\` (or replay one id).\n`,
  );
}

/**
 * Replays every dead letter (or the one named), each exactly once; exits non-zero when any is still refused, so
 * a script notices.
 */
export async function deadLettersReplay(target: Target, io: CliIo, id: string | undefined): Promise<void> {
  const { letters } = await listDeadLetters(target);
  const chosen = id === undefined ? letters : letters.filter((d) => d.id === id);
  if (id !== undefined && chosen.length === 0) throw new CliError(`No dead letter ${id}.`);
  let failed = 0;
  for (const d of chosen) {
    const r = await replayDeadLetter(target, d);
    if (r.status === 'replayed') io.stdout.write(`replayed ${d.id}\n`);
    else if (r.status === 'gone') io.stdout.write(`already replayed ${d.id}\n`);
    else {
      failed++;
      io.stdout.write(`still refused ${d.id}: ${r.error}\n`);
    }
  }
  io.stderr.write(`${chosen.length - failed} of ${chosen.length} dead letter(s) done.\n`);
  if (failed > 0) throw new CliError(`${failed} dead letter(s) are still refused; they stay listed.`);
}
