// Parses CloudFormation YAML: the short intrinsic tags (!Ref, !Sub, ...) become their long JSON forms.
import { parse, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

/** Short tag name → the key of its long form (`!GetAtt` → `Fn::GetAtt`). */
const INTRINSICS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Select: 'Fn::Select',
  Join: 'Fn::Join',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  ImportValue: 'Fn::ImportValue',
  GetAZs: 'Fn::GetAZs',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
};

function scalarValue(name: string, value: string): unknown {
  // `!GetAtt Res.Attr` is the documented short form of `Fn::GetAtt: [Res, Attr]`.
  if (name === 'GetAtt') {
    const dot = value.indexOf('.');
    return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
  }
  return value;
}

function buildTags(): Tags {
  const tags: Tags = [];
  for (const [name, key] of Object.entries(INTRINSICS)) {
    tags.push(
      { tag: `!${name}`, resolve: (value: string) => ({ [key]: scalarValue(name, value) }) },
      {
        tag: `!${name}`,
        collection: 'seq',
        resolve: (seq) => ({ [key]: (seq as YAMLSeq).toJSON() }),
      },
      {
        tag: `!${name}`,
        collection: 'map',
        resolve: (map) => ({ [key]: (map as YAMLMap).toJSON() }),
      },
    );
  }
  return tags;
}

/** The yaml `customTags` that accept CloudFormation's short intrinsic-function tags. */
export const cfnTags: Tags = buildTags();

/** Parses a CloudFormation YAML document into plain JSON values (intrinsics in long form). */
export function parseCfnYaml(text: string): unknown {
  return parse(text, { customTags: cfnTags });
}
