#!/usr/bin/env bun
// A test plugin that answers ADD with a 1.1.0 result using the fields 1.1.0 added
// (interface mtu/socketPath/pciID, route mtu/advmss/priority/table/scope), whatever the
// config's version. It supports 1.0.0 and 1.1.0; other commands succeed silently.

import { fail, printJson, printVersions, readInvocation } from './_cni.ts';

const invocation = await readInvocation();
switch (invocation.command) {
  case 'VERSION':
    printVersions(['1.0.0', '1.1.0']);
    break;
  case 'ADD':
    printJson({
      cniVersion: '1.1.0',
      interfaces: [
        {
          name: invocation.env.CNI_IFNAME,
          mac: '02:42:ac:11:00:02',
          mtu: 1400,
          sandbox: invocation.env.CNI_NETNS,
          socketPath: '/run/vhost/sock0',
          pciID: '0000:00:1f.6',
        },
      ],
      ips: [{ interface: 0, address: '10.11.0.2/24', gateway: '10.11.0.1' }],
      routes: [
        {
          dst: '0.0.0.0/0',
          gw: '10.11.0.1',
          mtu: 1400,
          advmss: 1360,
          priority: 10,
          table: 100,
          scope: 0,
        },
      ],
      dns: { nameservers: ['10.11.0.1'] },
    });
    break;
  case 'CHECK':
  case 'DEL':
  case 'GC':
  case 'STATUS':
    break;
  default:
    fail(4, `unknown CNI_COMMAND: ${invocation.command}`);
}
