// template.yaml's table: the analytics history must survive stack deletes and be restorable.
import { repoTemplate, resource } from '../helpers/repo';

const table = resource(repoTemplate(), 'Table');

describe('template.yaml table', () => {
  it('is retained when the stack is deleted or the table replaced', () => {
    // Assess
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('has point-in-time recovery, on-demand billing and the Path/Section key', () => {
    // Assess
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: 'Path', KeyType: 'HASH' },
      { AttributeName: 'Section', KeyType: 'RANGE' },
    ]);
  });

  it('streams old and new images and expires raw views by TTL', () => {
    // Assess
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ExpiresAt', Enabled: true });
  });
});
