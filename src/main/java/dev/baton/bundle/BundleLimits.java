package dev.baton.bundle;

/**
 * How large a bundle may be. Every size is counted on the bytes actually inflated, never on what
 * the zip's headers claim, so a zip bomb stops at the limit instead of filling memory.
 *
 * @param maxZipBytes the zip as uploaded
 * @param maxEntries entries of the zip, directories included
 * @param maxFileBytes one file, inflated
 * @param maxTotalBytes every file together, inflated
 * @param maxRatio inflated size over compressed size of one entry above which it is refused as a
 *     zip bomb (text compresses 3-10 times; bombs compress a thousand times)
 */
public record BundleLimits(int maxZipBytes, int maxEntries, int maxFileBytes, int maxTotalBytes,
    int maxRatio) {

  public static final BundleLimits DEFAULT =
      new BundleLimits(1024 * 1024, 200, 256 * 1024, 2 * 1024 * 1024, 100);
}
