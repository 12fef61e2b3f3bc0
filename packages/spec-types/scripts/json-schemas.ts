// JSON Schema (draft 2020-12) files generated from the valibot schemas.
// The converter cannot express `v.check`/`v.transform`; the checks of the shared
// primitives are mapped to keywords below, by identity of the action object. The
// patterns for addresses are deliberately loose: the valibot parser is the authority.
import { join } from 'node:path';
import { type JsonSchema, type OverrideActionContext, toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { CniErrorJsonSchema } from '../src/errors/error-schema.ts';
import {
  CidrSchema,
  FlexibleBoolSchema,
  IntSchema,
  IpOrCidrSchema,
  IpSchema,
  NAME_PATTERN,
  NetConfListEntries,
  NetConfListSchema,
  NetConfSchema,
  NetworkNameSchema,
  PluginTypeSchema,
  resultFamily,
  resultFamilySchema,
  SUPPORTED_VERSIONS,
  UintSchema,
  VersionInfoSchema,
  VersionStringSchema,
} from '../src/index.ts';

/** Where the generated files live: `packages/spec-types/schema/`. */
export const SCHEMA_DIR = join(import.meta.dir, '..', 'schema');

const BASE_URI = 'https://cni-ts.dev/schema/';
const IP = '[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*';
const TRUE = '[Tt][Rr][Uu][Ee]';
const FALSE = '[Ff][Aa][Ll][Ss][Ee]';

/** What each `v.check` of the shared schemas means in JSON Schema. */
const CHECKS = new Map<unknown, JsonSchema>([
  [IntSchema.pipe[1], { type: 'integer' }],
  [UintSchema.pipe[1], { type: 'integer', minimum: 0 }],
  [CidrSchema.pipe[1], { pattern: `^(${IP})/[0-9]{1,3}$`, description: 'CIDR, e.g. 10.1.0.5/16' }],
  [IpSchema.pipe[1], { pattern: `^(${IP})?$`, description: 'IP address; "" means unset' }],
  [IpOrCidrSchema.pipe[1], { pattern: `^(${IP})(/[0-9]{1,3})?$`, description: 'IP or CIDR' }],
  [NetworkNameSchema.pipe[1], { minLength: 1 }],
  [NetworkNameSchema.pipe[2], { pattern: NAME_PATTERN.source }],
  [PluginTypeSchema.pipe[1], { minLength: 1 }],
  [PluginTypeSchema.pipe[2], { pattern: '^[^/\\\\]*$' }],
  [VersionStringSchema.pipe[1], { pattern: '^([+-]?[0-9]+(\\.[+-]?[0-9]+){0,2})?$' }],
  [FlexibleBoolSchema.options[1].pipe[1], { pattern: `^(${TRUE}|${FALSE})$` }],
  [NetConfListEntries.plugins.wrapped.pipe[1], { minItems: 1 }],
  [
    NetConfListSchema.pipe[1],
    {
      if: {
        properties: {
          loadOnlyInlinedPlugins: {
            anyOf: [{ const: true }, { type: 'string', pattern: `^${TRUE}$` }],
          },
        },
        required: ['loadOnlyInlinedPlugins'],
      },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { required: ['plugins'] },
    },
  ],
]);

function overrideAction({ valibotAction, jsonSchema }: OverrideActionContext): JsonSchema | null {
  const extra = CHECKS.get(valibotAction);
  if (extra) return { ...jsonSchema, ...extra };
  // A check the table does not know would vanish from the files without a word.
  if (valibotAction.type === 'check') {
    throw new Error('a v.check without a JSON Schema mapping: add it to CHECKS in json-schemas.ts');
  }
  return null;
}

type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;

function convert(schema: AnySchema, file: string, title: string, description: string): object {
  const { $schema, ...body } = toJsonSchema(schema, {
    target: 'draft-2020-12',
    errorMode: 'ignore',
    overrideAction,
    overrideSchema: ({ valibotSchema, jsonSchema }) =>
      valibotSchema === FlexibleBoolSchema
        ? { ...jsonSchema, description: 'a boolean, or "true"/"false" as a string in any case' }
        : null,
  });
  return { $schema, $id: `${BASE_URI}${file}`, title, description, ...body };
}

function resultSchema(version: string): object {
  const family = resultFamily(version);
  if (!family) throw new Error(`no result family for ${version}`);
  const file = `result-${version}.schema.json`;
  const json = convert(
    resultFamilySchema(family, [version]),
    file,
    `CNI ${version} result`,
    `What a plugin prints on success at cniVersion ${version}. cniVersion may be absent only ` +
      'where the caller supplies the version (prevResult). Address patterns are loose: the ' +
      'parser (Go net.ParseIP/ParseCIDR grammar) is the authority.',
  ) as JsonSchema;
  if (json.properties) json.properties.cniVersion = { type: 'string', const: version };
  return json;
}

/** Every shipped JSON Schema, by file name. */
export function buildJsonSchemas(): Record<string, object> {
  const schemas: Record<string, object> = {
    'netconf.schema.json': convert(
      NetConfSchema,
      'netconf.schema.json',
      'CNI plugin configuration',
      'A plugin config as it arrives on stdin, or a legacy single .conf file. Unknown keys ' +
        'belong to the plugin. Address patterns are loose: the parser is the authority.',
    ),
    'netconf-list.schema.json': convert(
      NetConfListSchema,
      'netconf-list.schema.json',
      'CNI network configuration list',
      'A .conflist file. plugins may be absent (drop-in folder) unless ' +
        'loadOnlyInlinedPlugins is true; when present it must not be empty.',
    ),
  };
  for (const version of SUPPORTED_VERSIONS) {
    schemas[`result-${version}.schema.json`] = resultSchema(version);
  }
  schemas['version-info.schema.json'] = convert(
    VersionInfoSchema,
    'version-info.schema.json',
    'CNI VERSION output',
    'What a plugin prints for the VERSION command.',
  );
  schemas['error.schema.json'] = convert(
    CniErrorJsonSchema,
    'error.schema.json',
    'CNI error',
    'What a failing plugin prints on stdout. Codes 0-99 are reserved for the spec, 100 and ' +
      "up are the plugin's.",
  );
  return schemas;
}

/** A schema file's text: 2-space JSON with a trailing newline. */
export function formatSchemaFile(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
