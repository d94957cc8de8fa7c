/**
 * The limits Linux and macOS put on a path: each name in it at most 255
 * bytes, the whole path under 4096. Checked before a user's name reaches the
 * file system, whose ENAMETOOLONG would otherwise reach the user raw, path and all.
 */
export const NAME_MAX_BYTES = 255;
export const PATH_MAX_BYTES = 4095;

/** True when the file system would refuse `path` (or a folder inside it) as too long. */
export function pathTooLong(path: string): boolean {
  return Buffer.byteLength(path) > PATH_MAX_BYTES || path.split(/[\\/]/).some((name) => Buffer.byteLength(name) > NAME_MAX_BYTES);
}
