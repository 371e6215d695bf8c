import { LOG_PREFIX } from './config/warnings';

/** Why an optional package could not be used: it is not installed where this package can find it. */
export class MissingOptionalPackageError extends Error {
  /** The package to install. */
  readonly packageName: string;

  constructor(packageName: string, purpose: string, cause: unknown) {
    super(missingOptionalPackageMessage(packageName, purpose), { cause });
    this.name = 'MissingOptionalPackageError';
    this.packageName = packageName;
  }
}

/** The message naming what needs the package and how to install it. */
export function missingOptionalPackageMessage(packageName: string, purpose: string): string {
  return `${LOG_PREFIX} ${purpose} needs the optional package ${packageName}; install it next to otel-bootstrap (npm install ${packageName}).`;
}

/**
 * Loads an optional peer package that the configuration chose. Throws
 * {@link MissingOptionalPackageError} when the package is not installed; an error thrown while
 * an installed package loads is passed on unchanged.
 */
export function requireOptional<T>(packageName: string, purpose: string): T {
  try {
    return require(packageName) as T;
  } catch (error) {
    if (isNotFound(error, packageName)) throw new MissingOptionalPackageError(packageName, purpose, error);
    throw error;
  }
}

function isNotFound(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String((error as Error).message).includes(packageName);
}
