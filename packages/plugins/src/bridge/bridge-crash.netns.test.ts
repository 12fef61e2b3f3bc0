// Issue 21: bridge killed at any moment of ADD (it runs host-local in process), then DEL
// without a prevResult; the cases are in test/_crash-suite.ts.
import { describe } from 'bun:test';
import { useTimeLimit } from '@cni-ts/plugin-kit/testing';
import { CRASH_PLUGINS } from '../../test/_crash.ts';
import { crashTests } from '../../test/_crash-suite.ts';
import { useWorlds } from '../../test/_use-worlds.ts';

useTimeLimit('netns');

const worlds = useWorlds();
const { skip } = worlds;

describe.skipIf(skip !== null)(
  `bridge killed during ADD${skip === null ? '' : ` (skipped: ${skip})`}`,
  () => crashTests(worlds, CRASH_PLUGINS.bridge),
);
