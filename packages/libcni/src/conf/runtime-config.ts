/**
 * The `runtimeConfig` a plugin gets, as upstream's injectRuntimeConfig: every capability
 * its `capabilities` enable (true) for which the runtime passed an argument. Undefined
 * when there is none, in which case a `runtimeConfig` written in the config file passes
 * through unchanged.
 */
export function buildRuntimeConfig(
  capabilities: Readonly<Record<string, boolean>> | undefined,
  capabilityArgs: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  if (!capabilities || !capabilityArgs) return undefined;
  const runtimeConfig: Record<string, unknown> = {};
  let found = false;
  for (const [capability, enabled] of Object.entries(capabilities)) {
    if (!enabled || !Object.hasOwn(capabilityArgs, capability)) continue;
    const value = capabilityArgs[capability];
    if (value === undefined) continue;
    Object.defineProperty(runtimeConfig, capability, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    found = true;
  }
  return found ? runtimeConfig : undefined;
}
