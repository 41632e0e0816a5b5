import { describe, expect, it, vi } from 'vitest';
import { canPersistSecrets, createTokenStore, type SafeStorageLike, type TokenFiles } from './token-store';

/** A keyring stand-in: "encrypts" by prefixing, and refuses ciphertext it did not make. */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`sealed:${text}`),
    decryptString: (data) => {
      const text = data.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice('sealed:'.length);
    },
    getSelectedStorageBackend: () => backend,
  };
}

function fakeFiles(initial: Record<string, Buffer> = {}) {
  const disk = new Map(Object.entries(initial));
  const files: TokenFiles = {
    read: async (file) => disk.get(file),
    write: async (file, data) => void disk.set(file, data),
    remove: async (file) => void disk.delete(file),
  };
  return { files, disk };
}

const FILE = '/u/session-token.bin';
const store = (safeStorage: SafeStorageLike, files: TokenFiles, platform: NodeJS.Platform = 'linux') =>
  createTokenStore({ safeStorage, files, file: FILE, platform, log: { warn: vi.fn() } });

describe('token store', () => {
  it('given a keyring, then the token is saved encrypted and a fresh store (the next start) loads it', async () => {
    const { files, disk } = fakeFiles();
    await expect(store(fakeSafeStorage(true), files).save('eyJ.a.b')).resolves.toEqual({ persisted: true });
    expect(disk.get(FILE)!.toString()).toBe('sealed:eyJ.a.b');
    await expect(store(fakeSafeStorage(true), files).load()).resolves.toBe('eyJ.a.b');
  });

  it('given no encryption, then the token lives in memory only and nothing is written', async () => {
    const { files, disk } = fakeFiles();
    const tokens = store(fakeSafeStorage(false), files, 'win32');
    await expect(tokens.save('eyJ.a.b')).resolves.toEqual({ persisted: false });
    await expect(tokens.load()).resolves.toBe('eyJ.a.b');
    expect(disk.size).toBe(0);
    await expect(store(fakeSafeStorage(false), files, 'win32').load()).resolves.toBeUndefined();
  });

  it("given Linux with the 'basic_text' backend, then it is treated as no keyring and an old token file is removed", async () => {
    const { files, disk } = fakeFiles({ [FILE]: Buffer.from('sealed:old') });
    const tokens = store(fakeSafeStorage(true, 'basic_text'), files, 'linux');
    expect(tokens.persistent()).toBe(false);
    await expect(tokens.load()).resolves.toBeUndefined();
    await tokens.save('eyJ.new');
    expect(disk.has(FILE)).toBe(false);
    expect(canPersistSecrets(fakeSafeStorage(true, 'basic_text'), 'darwin')).toBe(true);
    expect(canPersistSecrets(fakeSafeStorage(true, 'kwallet5'), 'linux')).toBe(true);
  });

  it('given a token file this keyring cannot decrypt, then load gives nothing and removes it', async () => {
    const { files, disk } = fakeFiles({ [FILE]: Buffer.from('garbage') });
    await expect(store(fakeSafeStorage(true), files).load()).resolves.toBeUndefined();
    expect(disk.has(FILE)).toBe(false);
  });

  it('given sign-out, then clear forgets the token in memory and on disk', async () => {
    const { files, disk } = fakeFiles();
    const tokens = store(fakeSafeStorage(true), files);
    await tokens.save('eyJ.a.b');
    await tokens.clear();
    await expect(tokens.load()).resolves.toBeUndefined();
    expect(disk.size).toBe(0);
  });
});
