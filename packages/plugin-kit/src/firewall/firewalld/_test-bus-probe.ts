// Run by firewalld-no-bus.test.ts in a process of its own: asks firewalldRunning about the
// address in argv[2] and prints whether the D-Bus library was loaded to answer (also run by
// firewalld.netns.test.ts against a real bus).
import { firewalldRunning } from './firewalld.ts';

const running = await firewalldRunning(process.argv[2] ?? '');
const loaded = Object.keys(require.cache).some((key) => key.includes('dbus-native'));
process.stdout.write(JSON.stringify({ running, loaded }));
