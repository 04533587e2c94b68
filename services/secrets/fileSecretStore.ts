/**
 * Secrets as files under `<dataDir>/secrets/`: the directory is mode 0700 and each file 0600, so
 * only the account that runs Firebreak can read them. Each secret is one file holding the value
 * alone, next to a `.tags.json` file with its tags and creation time.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertSecretName, type SecretStore } from './secretStore';

export class FileSecretStore implements SecretStore {
  readonly directory: string;

  constructor(dataDir: string) {
    this.directory = path.join(path.resolve(dataDir), 'secrets');
  }

  async put(
    name: string,
    value: string,
    tags: Record<string, string>,
  ): Promise<{ reference: string }> {
    assertSecretName(name);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // mkdir leaves the mode of an existing directory alone, and the umask may widen a new one.
    await chmod(this.directory, 0o700);

    const file = path.join(this.directory, name);
    try {
      // `wx` fails when the file exists, so a second put can never replace a stored secret.
      await writeFile(file, value, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new Error(`secret ${name} already exists in ${this.directory}; use a new name`);
      }
      throw error;
    }
    const metadata = JSON.stringify({ tags, createdAt: new Date().toISOString() });
    await writeFile(`${file}.tags.json`, metadata, { mode: 0o600, flag: 'wx' });
    return { reference: `file:${file}` };
  }
}
