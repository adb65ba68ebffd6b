// The password rules of `user add` and `user passwd`: long enough, not blank, not common, not guessable.
import { err, ok, type Result } from '@footfall/kernel';

/** Shortest password (in characters) `user add`/`passwd` accept. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * zxcvbn's score a password must reach: 3 means "safely unguessable" (over 10^8 guesses), which rules out
 * repeats (`aaaaaaaaaaaa`), sequences and keyboard walks, and common words with digits tacked on.
 */
export const MIN_STRENGTH_SCORE = 3;

type Checker = (password: string, userInputs: string[]) => { score: number; warning: string | null };

let loaded: Promise<{ check: Checker; common: ReadonlySet<string> }> | undefined;

/**
 * zxcvbn-ts with its common-password list (the 30,000 most used passwords of public breach corpora) and its
 * English dictionaries. Loaded on first use, so commands that set no password do not pay for ~1.5 MB of lists.
 */
function strengthChecker(): Promise<{ check: Checker; common: ReadonlySet<string> }> {
  loaded ??= loadChecker();
  return loaded;
}

async function loadChecker(): Promise<{ check: Checker; common: ReadonlySet<string> }> {
  const [{ ZxcvbnFactory }, commonPackage, englishPackage] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const factory = new ZxcvbnFactory({
    dictionary: { ...commonPackage.dictionary, ...englishPackage.dictionary },
    graphs: commonPackage.adjacencyGraphs,
    translations: englishPackage.translations,
  });
  const check: Checker = (password, userInputs) => {
    const result = factory.check(password, userInputs);
    return { score: result.score, warning: result.feedback.warning };
  };
  return { check, common: new Set(commonPackage.dictionary['passwords-common']) };
}

/**
 * Checks a new password against the policy; the error is a sentence for the person typing it, and never
 * repeats the password.
 * @example const verdict = await checkPasswordPolicy(password, ['alice']); if (!verdict.ok) throw new CliError(verdict.error);
 */
export async function checkPasswordPolicy(
  password: string,
  userInputs: readonly string[] = [],
): Promise<Result<void, string>> {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return err(
      `A password needs at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make one that is easy to remember.`,
    );
  if (password.trim() === '') return err('A password cannot be only spaces or other blank characters.');
  const { check, common } = await strengthChecker();
  if (common.has(password.toLowerCase()))
    return err('This password is on the list of common passwords that attackers try first; choose another.');
  const { score, warning } = check(password, [...userInputs]);
  if (score < MIN_STRENGTH_SCORE) {
    const why = warning ? ` (${warning.replace(/\.$/, '')})` : '';
    return err(
      `This password is too easy to guess${why}; add more words or characters that do not follow a pattern.`,
    );
  }
  return ok(undefined);
}
