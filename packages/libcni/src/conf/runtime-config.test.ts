import { describe, expect, test } from 'bun:test';
import { buildRuntimeConfig } from './runtime-config.ts';

describe('buildRuntimeConfig', () => {
  test('keeps the enabled capabilities the runtime passed arguments for', () => {
    const runtimeConfig = buildRuntimeConfig(
      { portMappings: true, bandwidth: false, ips: true, mac: true },
      { portMappings: [{ hostPort: 80 }], bandwidth: { ingressRate: 1 }, mac: null, dns: {} },
    );
    expect(runtimeConfig).toEqual({ portMappings: [{ hostPort: 80 }], mac: null });
  });

  test('is undefined when nothing matches', () => {
    expect(buildRuntimeConfig({ ips: true }, { mac: 'x' })).toBeUndefined();
    expect(buildRuntimeConfig(undefined, { mac: 'x' })).toBeUndefined();
    expect(buildRuntimeConfig({ mac: true }, undefined)).toBeUndefined();
  });
});
