// The central token in the OS keychain via Electron's safeStorage: the file on disk holds
// only ciphertext that the logged-in user's keychain can open.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

export class TokenStore {
  private readonly file: string;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    dataDir: string,
  ) {
    this.file = join(dataDir, 'central-token.bin');
  }

  read(): string | null {
    if (!existsSync(this.file) || !this.safeStorage.isEncryptionAvailable()) return null;
    return this.safeStorage.decryptString(readFileSync(this.file));
  }

  write(token: string): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('The OS keychain is not available; give the token with --token-file (an owner-only file) instead.');
    }
    writeFileSync(this.file, this.safeStorage.encryptString(token), { mode: 0o600 });
  }
}
