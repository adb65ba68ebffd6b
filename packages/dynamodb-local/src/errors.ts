// Errors raised by @footfall/dynamodb-local: one base class so callers can catch the package's failures.
import { FootfallError } from '@footfall/kernel';

/** Base class of every error this package raises. */
export class DynamoDBLocalError extends FootfallError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DynamoDBLocalError';
  }
}

/** `java` could not be started, so DynamoDB Local cannot run. */
export class JavaMissingError extends DynamoDBLocalError {
  constructor(options?: ErrorOptions) {
    super('Java 17+ is required for DynamoDB Local: apt-get install -y openjdk-17-jre-headless', options);
    this.name = 'JavaMissingError';
  }
}

/** DynamoDB Local's jar could not be located. */
export class JarNotFoundError extends DynamoDBLocalError {
  readonly jarPath: string | undefined;
  constructor(jarPath: string | undefined, options?: ErrorOptions) {
    super(
      jarPath === undefined
        ? 'DynamoDBLocal.jar not found: install amplify-dynamodb-simulator or set DYNAMODB_LOCAL_JAR'
        : `DynamoDBLocal.jar not found at ${jarPath} (from DYNAMODB_LOCAL_JAR or amplify-dynamodb-simulator)`,
      options,
    );
    this.name = 'JarNotFoundError';
    this.jarPath = jarPath;
  }
}

/** DynamoDB Local exited or never answered while starting. */
export class StartError extends DynamoDBLocalError {
  readonly stderrTail: string;
  constructor(reason: string, stderrTail: string, options?: ErrorOptions) {
    super(
      `DynamoDB Local did not start: ${reason}${stderrTail ? `\n--- java output (tail) ---\n${stderrTail}` : ''}`,
      options,
    );
    this.name = 'StartError';
    this.stderrTail = stderrTail;
  }
}

/** template.yaml has no usable AWS::DynamoDB::Table, or one of its properties has an unexpected shape. */
export class TemplateError extends DynamoDBLocalError {
  readonly path: string;
  constructor(path: string, message: string, options?: ErrorOptions) {
    super(`template ${path}: ${message}`, options);
    this.name = 'TemplateError';
    this.path = path;
  }
}

/** A table or its stream did not reach the expected state in time. */
export class TableSetupError extends DynamoDBLocalError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TableSetupError';
  }
}
