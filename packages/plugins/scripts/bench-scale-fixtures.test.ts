import { describe, expect, test } from 'bun:test';
import {
  addressIn,
  FULL_SIZES,
  firewallFilter,
  kubeProxyNat,
  reservationFiles,
} from './bench-scale-fixtures.ts';

/** Every dotted quad in `text`, with or without a prefix or port. */
function quads(text: string): string[] {
  return text.match(/\b\d+\.\d+\.\d+\.\d+\b/g) ?? [];
}

function isAddress(quad: string): boolean {
  return quad.split('.').every((octet) => Number(octet) <= 255 && String(Number(octet)) === octet);
}

describe('bench-scale fixtures at full size', () => {
  test('host-local: upstream-format files named by distinct addresses past the gateway', () => {
    const files = reservationFiles(150, FULL_SIZES.reservations);
    expect(files.size).toBe(FULL_SIZES.reservations);
    expect([...files.keys()].every(isAddress)).toBe(true);
    expect(files.has('10.150.0.1')).toBe(false);
    expect(files.get('10.150.0.2')).toBe('busy-0\r\neth0');
    expect(addressIn(150, 254)).toBe('10.150.1.0');
  });

  test("kube-proxy's nat table: valid addresses, every chain declared once before its rules", () => {
    const text = kubeProxyNat(FULL_SIZES.services);
    expect(quads(text).filter((quad) => !isAddress(quad))).toEqual([]);
    const lines = text.split('\n');
    const declared = lines.filter((line) => line.startsWith(':')).map((line) => line.split(' ')[0]);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.length).toBe(2 + 2 * FULL_SIZES.services);
    const rules = lines.filter((line) => line.startsWith('-A '));
    expect(rules.length).toBe(3 + 5 * FULL_SIZES.services);
    expect(lines.findIndex((line) => line.startsWith('-A '))).toBeGreaterThan(
      lines.findLastIndex((line) => line.startsWith(':')),
    );
    expect(lines[0]).toBe('*nat');
    expect(lines.at(-2)).toBe('COMMIT');
  });

  test("the firewall's filter table: its chains, jumps and each container's two rules", () => {
    const text = firewallFilter(152, FULL_SIZES.containers);
    expect(quads(text).filter((quad) => !isAddress(quad))).toEqual([]);
    const lines = text.split('\n');
    expect(lines.filter((line) => line.startsWith('-A CNI-FORWARD -s ')).length).toBe(
      FULL_SIZES.containers,
    );
    expect(lines).toContain(
      '-A CNI-FORWARD -d 10.152.1.45/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    );
    expect(lines).toContain(
      '-I FORWARD 1 -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD',
    );
  });
});
