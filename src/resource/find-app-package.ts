import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { AppPackageInfo } from '../config/resolve';

const OWN_NAME = 'otel-bootstrap';

/**
 * Finds the application's package.json by walking up from the main script (or the working
 * directory) and returns its name and version. Never throws.
 */
export function findAppPackage(startPath: string | undefined = process.argv[1]): AppPackageInfo {
  let directory = startPath === undefined || startPath === '' ? process.cwd() : dirname(resolve(startPath));
  for (let depth = 0; depth < 20; depth++) {
    const file = join(directory, 'package.json');
    if (existsSync(file)) {
      const info = readPackage(file);
      // A package.json without a name (such as a `"type": "module"` marker) is not the app's; keep walking.
      if (info?.name !== undefined && info.name !== OWN_NAME && !directory.split(sep).includes('node_modules')) return info;
    }
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return {};
}

function readPackage(file: string): AppPackageInfo | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return {
      ...(typeof parsed.name === 'string' && parsed.name !== '' ? { name: parsed.name } : {}),
      ...(typeof parsed.version === 'string' && parsed.version !== '' ? { version: parsed.version } : {}),
    };
  } catch {
    return undefined;
  }
}
