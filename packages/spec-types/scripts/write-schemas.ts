// Regenerates packages/spec-types/schema/*.schema.json: `bun run schemas`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildJsonSchemas, formatSchemaFile, SCHEMA_DIR } from './json-schemas.ts';

const schemas = buildJsonSchemas();
mkdirSync(SCHEMA_DIR, { recursive: true });
for (const file of readdirSync(SCHEMA_DIR)) {
  if (file.endsWith('.schema.json') && !(file in schemas)) rmSync(join(SCHEMA_DIR, file));
}
for (const [file, schema] of Object.entries(schemas)) {
  writeFileSync(join(SCHEMA_DIR, file), formatSchemaFile(schema));
}
console.log(`wrote ${Object.keys(schemas).length} schemas to ${SCHEMA_DIR}`);
