import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';

/**
 * Seals secrets we must be able to read back (SSO private keys, webhook signing secrets, directory
 * credentials) with AES-256-GCM under a key derived from TEAMFRAME_SECRET by HKDF, one key per purpose
 * (`info`). The caller's binding (an org or row id) is the GCM additional data, so a sealed value copied
 * to another row does not open. Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string, info: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  }

  seal(plaintext: string, binding: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Throws a bare Error (no cause, which could carry key material into a log) when it does not open. */
  open(sealed: string, binding: string): string {
    const [format, iv, tag, body] = sealed.split('.');
    try {
      if (format !== FORMAT || !iv || !tag || !body) throw new Error('unknown format');
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(binding, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('sealed value does not open');
    }
  }
}
