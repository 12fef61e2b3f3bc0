// @cni-ts/libcni/testing: fakes for tests of code that uses libcni.

export {
  type FakeCall,
  FakeExec,
  type FakeExecOptions,
  type FakeOutput,
  type FakePlugin,
  passthrough,
} from './fake-exec.ts';
