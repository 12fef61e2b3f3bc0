// The tarballs' sizes and file counts as a table, for `bun run release:check`.
import { basename } from 'node:path';
import type { PackedPackage } from './pack-packages.ts';

export function formatSizeTable(packed: readonly PackedPackage[]): string {
  const rows = packed.map((pkg) => [
    basename(pkg.tarball),
    `${(pkg.bytes / 1024).toFixed(1)} KiB`,
    `${pkg.files.length} files`,
  ]);
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => row[col]?.length ?? 0)));
  return rows
    .map((row) =>
      row
        .map((cell, col) =>
          col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
