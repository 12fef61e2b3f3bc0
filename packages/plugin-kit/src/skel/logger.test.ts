import { describe, expect, test } from 'bun:test';
import { createLogger, silentLogger } from './logger.ts';

describe('createLogger', () => {
  test('writes one line per message, prefixed with the plugin and level', () => {
    let text = '';
    const log = createLogger('bridge', (chunk) => {
      text += chunk;
    });
    log.info('created cni0');
    log.warn('slow');
    log.error('failed');
    log.debug('hidden');
    expect(log.debugEnabled).toBe(false);
    expect(text).toBe('bridge: info: created cni0\nbridge: warn: slow\nbridge: error: failed\n');
  });

  test('writes debug lines only when debug is on', () => {
    let text = '';
    const log = createLogger(
      'ptp',
      (chunk) => {
        text += chunk;
      },
      true,
    );
    log.debug('details');
    expect(log.debugEnabled).toBe(true);
    expect(text).toBe('ptp: debug: details\n');
  });
});

describe('silentLogger', () => {
  test('drops everything', () => {
    silentLogger.info('x');
    expect(silentLogger.debugEnabled).toBe(false);
  });
});
