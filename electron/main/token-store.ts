/**
 * Keeps the officer's hub session token between starts, encrypted with the OS keyring through Electron's
 * safeStorage. Where the OS offers no real keyring (safeStorage unavailable, or Linux falling back to its
 * hard-coded 'basic_text' password) the token stays in memory only and the officer signs in at each start:
 * a token on disk that anyone can decrypt would be worse than none.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface TokenFiles {
  read(file: string): Promise<Buffer | undefined>;
  /** Writes atomically, readable by the current user only. */
  write(file: string, data: Buffer): Promise<void>;
  remove(file: string): Promise<void>;
}

export interface TokenStore {
  save(token: string): Promise<{ persisted: boolean }>;
  load(): Promise<string | undefined>;
  clear(): Promise<void>;
  /** Whether tokens survive a restart on this workstation. */
  persistent(): boolean;
}

const INSECURE_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export function canPersistSecrets(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return !INSECURE_LINUX_BACKENDS.has(backend);
}

export function createTokenStore(deps: {
  readonly safeStorage: SafeStorageLike;
  readonly files: TokenFiles;
  readonly file: string;
  readonly platform: NodeJS.Platform;
  readonly log: { warn(message: string): void };
}): TokenStore {
  const { safeStorage, files, file, log } = deps;
  let inMemory: string | undefined;
  const persistent = () => canPersistSecrets(safeStorage, deps.platform);

  return {
    persistent,
    async save(token) {
      inMemory = token;
      if (!persistent()) {
        // A token left from a time when a keyring was there must not outlive this sign-in.
        await files.remove(file);
        return { persisted: false };
      }
      await files.write(file, safeStorage.encryptString(token));
      return { persisted: true };
    },
    async load() {
      if (inMemory !== undefined) return inMemory;
      if (!persistent()) return undefined;
      const encrypted = await files.read(file);
      if (encrypted === undefined) return undefined;
      try {
        inMemory = safeStorage.decryptString(encrypted);
        return inMemory;
      } catch {
        // Another user's or another machine's keyring: the token is useless here, sign in again.
        log.warn('stored session token could not be decrypted; removed');
        await files.remove(file);
        return undefined;
      }
    },
    async clear() {
      inMemory = undefined;
      await files.remove(file);
    },
  };
}
