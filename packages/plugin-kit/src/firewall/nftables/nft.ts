import { type FirewallExecOptions, runTool } from '../command-runner.ts';
import { FirewallError, isFirewallNotFound } from '../firewall-error.ts';
import { NftJsonError, type NftListing, parseNftJson } from './nft-json.ts';

const EMPTY: NftListing = { chains: [], rules: [] };

/** Applies a batch with `nft -f -` (one atomic transaction). */
export function runNftBatch(batch: string, options: FirewallExecOptions = {}): void {
  runTool('nft', ['-f', '-'], options, batch);
}

/**
 * `nft -j list <what…>` decoded; a missing table or chain gives an empty listing. Output
 * nft cannot have meant is a FirewallError with code `bad-output`.
 */
export function listNft(what: readonly string[], options: FirewallExecOptions = {}): NftListing {
  const args = ['-j', 'list', ...what];
  let output: string;
  try {
    output = runTool('nft', args, options);
  } catch (error) {
    if (isFirewallNotFound(error)) return EMPTY;
    throw error;
  }
  try {
    return parseNftJson(output);
  } catch (error) {
    if (error instanceof NftJsonError) {
      throw new FirewallError('nft', args, 0, error.message, 'bad-output');
    }
    throw error;
  }
}
