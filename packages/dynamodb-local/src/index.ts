// Public face of @footfall/dynamodb-local: DynamoDB Local for tests, benchmarks and `pnpm dev`.
export { LOCAL_REGION, localClientConfig } from './clientConfig';
export { type CreatedTable, type CreateTableOptions, createTableFromTemplate } from './createTable';
export {
  DynamoDBLocalError,
  JarNotFoundError,
  JavaMissingError,
  StartError,
  TableSetupError,
  TemplateError,
} from './errors';
export { findJava, resolveJar } from './javaCommand';
export { findRepoRoot, templatePath } from './repoRoot';
export { type DynamoDBLocal, type StartOptions, startDynamoDBLocal } from './startDynamoDBLocal';
export { type ReadStreamOptions, readStream, toLambdaRecord } from './streams';
export {
  parseTableDefinition,
  readTableDefinition,
  type TableDefinition,
  type TableDefinitionOptions,
} from './templateTable';
export { createTestTable, sharedEndpoint, type TestTable, type TestTableOptions } from './testTable';
