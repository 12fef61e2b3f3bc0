import { expect, test } from 'bun:test';
import { busMayBeReachable, unixBusSocketPath } from './bus-socket.ts';

test('the socket file of a unix:path address, unescaped; none for other kinds', () => {
  expect(unixBusSocketPath('unix:path=/var/run/dbus/system_bus_socket')).toBe(
    '/var/run/dbus/system_bus_socket',
  );
  expect(unixBusSocketPath('unix:path=/tmp/a%20b,guid=0123')).toBe('/tmp/a b');
  expect(unixBusSocketPath('unix:abstract=/tmp/dbus-x')).toBeUndefined();
  expect(unixBusSocketPath('tcp:host=localhost,port=1')).toBeUndefined();
  expect(unixBusSocketPath('unix:path=/a;unix:path=/b')).toBeUndefined();
});

test('only a missing socket file makes a bus unreachable', () => {
  expect(busMayBeReachable('unix:path=/nonexistent/cnits/bus')).toBe(false);
  expect(busMayBeReachable('unix:path=/')).toBe(true);
  expect(busMayBeReachable('unix:abstract=/tmp/dbus-x')).toBe(true);
});
