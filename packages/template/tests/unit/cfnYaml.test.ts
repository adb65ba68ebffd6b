// CloudFormation YAML: the short intrinsic tags read as their long JSON forms.
import { parseCfnYaml } from '../../src';

describe('parseCfnYaml', () => {
  it('turns short intrinsic tags into their long forms in scalar, sequence and mapping form', () => {
    // Act
    const parsed = parseCfnYaml(
      [
        'a: !GetAtt T.StreamArn',
        'b: !Select [0, !GetAZs ""]',
        'c: !Base64 { Ref: X }',
        'd: !Condition IsProd',
      ].join('\n'),
    );

    // Assess
    expect(parsed).toEqual({
      a: { 'Fn::GetAtt': ['T', 'StreamArn'] },
      b: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      c: { 'Fn::Base64': { Ref: 'X' } },
      d: { Condition: 'IsProd' },
    });
  });
});
