/** The default cache directory, as upstream's `libcni.CacheDir`. */
export const DEFAULT_CACHE_DIR = '/var/lib/cni';

/** The `kind` of a cache file, as upstream's `CNICacheV1`. */
export const CNI_CACHE_V1 = 'cniCacheV1';
