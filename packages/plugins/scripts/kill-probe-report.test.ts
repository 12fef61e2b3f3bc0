import { expect, test } from 'bun:test';
import { NOTHING_LEFT } from '../test/_crash.ts';
import { failureKind, formatProbeTable } from './kill-probe-report.ts';

test('formatProbeTable: one padded Markdown row per probe, empty files in brackets', () => {
  const table = formatProbeTable([
    {
      side: 'ours',
      plugin: 'bridge',
      probe: 'random kills',
      killed: 150,
      tried: 200,
      delFailures: 0,
      dels: 200,
      stuck: 0,
      left: NOTHING_LEFT,
    },
    {
      side: 'Go',
      plugin: 'ptp',
      probe: 'corrupt prevResult',
      killed: 0,
      tried: 0,
      delFailures: 1,
      dels: 1,
      stuck: 1,
      left: {
        ...NOTHING_LEFT,
        veths: ['veth1'],
        reservations: ['10.0.0.2'],
        empty: ['10.0.0.2'],
        rules: ['-A POSTROUTING', ':CNI-x'],
      },
    },
  ]);
  const lines = table.split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toStartWith('| side | plugin | probe              | kills   | DEL failures |');
  expect(lines[2]).toContain('| ours | bridge | random kills       | 150/200 | 0/200        |');
  expect(lines[3]).toContain('| Go   | ptp    | corrupt prevResult | -       | 1/1          | 1 ');
  expect(lines[3]).toContain('| 1 (1) ');
  expect(lines[0]).toContain('| DEL failures | still failing on retry |');
  expect(new Set(lines.map((line) => line.length)).size).toBe(1);
});

test('failureKind: one text per kind of failure, whatever the attachment', () => {
  const output = (ip: string, id: string, hash: string) =>
    JSON.stringify({
      code: 999,
      msg: `running [iptables -D POSTROUTING -s ${ip} -j CNI-${hash} --comment id: "${id}"]:\n exit status 2`,
    });
  const a = failureKind(output('10.250.4.161', 'rk171', '5c4aca932e889f720c111a83'));
  expect(a).toBe(
    'code 999: running [iptables -D POSTROUTING -s <ip> -j CNI-<hash> --comment id: "<id>"]: exit status 2',
  );
  expect(failureKind(output('10.250.4.9', 'rk2', '0d255b20b50a25e3b9c7d5d1'))).toBe(a);
  expect(failureKind('plain text')).toBe('plain text');
});
