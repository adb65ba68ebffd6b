// readTableDefinition/parseTableDefinition turn a SAM template's table into CreateTable input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTableDefinition, readTableDefinition, templatePath } from '../../src';

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

describe('readTableDefinition', () => {
  it('reads the repository template: key Path/Section, on-demand, stream and TTL on ExpiresAt', () => {
    // Act
    const definition = readTableDefinition();

    // Assess
    expect(definition.logicalId).toBe('Table');
    expect(definition.createTable.KeySchema).toEqual([
      { AttributeName: 'Path', KeyType: 'HASH' },
      { AttributeName: 'Section', KeyType: 'RANGE' },
    ]);
    expect(definition.createTable.BillingMode).toBe('PAY_PER_REQUEST');
    expect(definition.createTable.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(definition.timeToLive).toEqual({ AttributeName: 'ExpiresAt', Enabled: true });
    expect(templatePath()).toMatch(/template\.yaml$/);
  });

  it('maps indexes, provisioned throughput and string booleans, ignoring other resources', () => {
    // Act
    const definition = readTableDefinition(fixture('templateWithIndexes.yaml'));

    // Assess
    expect(definition).toEqual({
      logicalId: 'Events',
      createTable: {
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'gsi1', AttributeType: 'N' },
        ],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byGsi1',
            KeySchema: [{ AttributeName: 'gsi1', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] },
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      },
      timeToLive: { AttributeName: 'ttl', Enabled: false },
    });
  });
});

describe('parseTableDefinition', () => {
  it('names the offending property when a value is an unresolved intrinsic', () => {
    // Prepare
    const text = readFileSync(fixture('templateWithIndexes.yaml'), 'utf8').replace(
      'StreamViewType: KEYS_ONLY',
      'StreamViewType: !Ref ViewType',
    );

    // Act
    const result = parseTableDefinition(text, 'fixture.yaml');

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(
      /fixture\.yaml: Resources\.Events\.Properties\.StreamSpecification\.StreamViewType/,
    );
  });

  it('reports a template without a table', () => {
    // Act
    const result = parseTableDefinition('Resources:\n  B:\n    Type: AWS::S3::Bucket\n');

    // Assess
    expect(!result.ok && result.error.message).toMatch(/no AWS::DynamoDB::Table/);
  });
});
