// Builds the java command line for DynamoDB Local: where the jar is, whether java exists, and the flags.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { JarNotFoundError, JavaMissingError } from './errors';

/** Flags that decide where DynamoDB Local keeps its data. */
export interface JavaCommandOptions {
  port: number;
  dbPath?: string;
  sharedDb?: boolean;
  /** Extra JVM flags placed before -jar (e.g. `-Xmx512m`). */
  javaOptions?: readonly string[];
}

/** Locates DynamoDBLocal.jar: DYNAMODB_LOCAL_JAR, else amplify-dynamodb-simulator's emulator folder. */
export function resolveJar(): { jar: string; libDir: string } {
  const override = process.env.DYNAMODB_LOCAL_JAR;
  let jar: string;
  if (override !== undefined && override !== '') {
    jar = override;
  } else {
    let pkg: string;
    try {
      pkg = require.resolve('amplify-dynamodb-simulator/package.json');
    } catch (cause) {
      throw new JarNotFoundError(undefined, { cause });
    }
    jar = join(dirname(pkg), 'emulator', 'DynamoDBLocal.jar');
  }
  if (!existsSync(jar)) throw new JarNotFoundError(jar);
  return { jar, libDir: join(dirname(jar), 'DynamoDBLocal_lib') };
}

/** Returns the absolute path of `java` on PATH (or JAVA_HOME/bin), or throws JavaMissingError. */
export function findJava(): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  const javaHome = process.env.JAVA_HOME;
  if (javaHome !== undefined && javaHome !== '') dirs.unshift(join(javaHome, 'bin'));
  const names = process.platform === 'win32' ? ['java.exe'] : ['java'];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  throw new JavaMissingError();
}

const SETPRIV = '/usr/bin/setpriv';

/**
 * Returns the command and arguments that run DynamoDB Local. On Linux it is wrapped in `setpriv --pdeathsig KILL`:
 * the kernel then kills java even when this process dies without running exit handlers (SIGKILL, a Jest worker
 * killed on timeout). setpriv execs java, so the child's pid is java's.
 */
export function javaCommand(options: JavaCommandOptions): { command: string; args: string[]; cwd: string } {
  const { jar, libDir } = resolveJar();
  const java = findJava();
  const args = [
    ...(options.javaOptions ?? []),
    `-Djava.library.path=${libDir}`,
    '-jar',
    jar,
    '-port',
    String(options.port),
    '-disableTelemetry',
  ];
  if (options.dbPath !== undefined) args.push('-dbPath', options.dbPath);
  else args.push('-inMemory');
  if (options.sharedDb) args.push('-sharedDb');
  const cwd = dirname(jar);
  if (process.platform === 'linux' && existsSync(SETPRIV)) {
    return { command: SETPRIV, args: ['--pdeathsig', 'KILL', java, ...args], cwd };
  }
  return { command: java, args, cwd };
}
