import {
  type CniConfig,
  isPluginError,
  isPluginNotFound,
  type NetworkConfigList,
  type RuntimeConf,
} from '@cni-ts/libcni';

/** A network `run` tried to attach: DELed at the end whether its ADD finished or not. */
export interface Attachment {
  readonly list: NetworkConfigList;
  readonly runtime: RuntimeConf;
  /** True once its ADD succeeded; false when the ADD failed partway (or never returned). */
  added: boolean;
}

/** The list without the plugins of one type. */
function without(list: NetworkConfigList, type: string): NetworkConfigList {
  return { ...list, plugins: list.plugins.filter((plugin) => plugin.network.type !== type) };
}

/**
 * DELs one attachment. libcni's DEL stops at the first plugin that fails, so a plugin that
 * cannot be found would keep the plugins before it from undoing their ADD: such a plugin
 * made nothing to undo, so the DEL is run again without it. For an attachment whose ADD
 * failed this is expected (the ADD error already said so); for one whose ADD succeeded the
 * plugin vanished in between, which is reported. Other failures are reported and end it.
 * False when anything was reported.
 */
export async function detach(
  cni: CniConfig,
  attachment: Attachment,
  report: (error: unknown) => void,
): Promise<boolean> {
  let { list } = attachment;
  let clean = true;
  for (;;) {
    try {
      await cni.delNetworkList(list, attachment.runtime);
      return clean;
    } catch (error) {
      const missing = isPluginError(error) && isPluginNotFound(error) ? error.pluginType : null;
      const rest = missing === null ? list : without(list, missing);
      if (rest.plugins.length === list.plugins.length) {
        report(error);
        return false;
      }
      if (attachment.added) {
        report(error);
        clean = false;
      }
      if (rest.plugins.length === 0) return clean;
      list = rest;
    }
  }
}
