// The namespace primitives `cnitool run` needs, from plugin-kit.
export {
  createNamedNetns,
  deleteNamedNetns,
  type Netns,
  withNetns,
} from '@cni-ts/plugin-kit';
