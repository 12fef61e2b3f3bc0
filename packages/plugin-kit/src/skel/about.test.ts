import { describe, expect, test } from 'bun:test';
import { aboutText } from './about.ts';

describe('aboutText', () => {
  test('prints the text and the versions as upstream skel does', () => {
    // Recorded from the Go loopback plugin run without CNI_COMMAND (stderr).
    expect(
      aboutText('CNI loopback plugin version unknown', [
        '0.1.0',
        '0.2.0',
        '0.3.0',
        '0.3.1',
        '0.4.0',
        '1.0.0',
      ]),
    ).toBe(
      'CNI loopback plugin version unknown\nCNI protocol versions supported: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0\n',
    );
  });
});
