/** Go's syscall.Errno texts (lower case, as `os.PathError` prints them) for the errno names HostFiles returns. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EBUSY: 'device or resource busy',
  EEXIST: 'file exists',
  EINVAL: 'invalid argument',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'not a directory',
  ENOTEMPTY: 'directory not empty',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EXDEV: 'invalid cross-device link',
};

/**
 * The text Go prints for a failed file operation on the host,
 * `os.PathError`: `open /work/x.txt: permission denied`. An errno name the
 * table does not know is printed as it is.
 */
export function errnoText(operation: string, path: string, errno: string): string {
  return `${operation} ${path}: ${ERRNO_TEXT[errno] ?? errno}`;
}
