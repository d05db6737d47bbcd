// @peculiar/x509 needs the Reflect metadata polyfill (as @simplewebauthn/server, which loads it too).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

// The key and certificate Tillit uses as a SAML service provider: it signs AuthnRequests and
// decrypts encrypted assertions (federations such as Sweden Connect require both), and the
// certificate is published in the SP metadata the IdP is given.
export interface SpCredential {
  key: string;
  cert: string;
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END ${label}-----\n`;

// A self-signed RSA certificate: SAML metadata trusts the certificate it carries, not a CA.
export async function generateSpCredential(commonName = 'Tillit SAML SP'): Promise<SpCredential> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex'),
      name: `CN=${commonName}`,
      notBefore: now,
      notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
      signingAlgorithm: alg,
      keys,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true)],
    },
    webcrypto as unknown as Crypto,
  );
  return { key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), cert: cert.toString('pem') };
}

// TILLIT_SAML_SP_KEY_FILE and TILLIT_SAML_SP_CERT_FILE when set (a certificate the federation
// accepts); otherwise a pair made once beside the data (key mode 0600), kept across restarts so the
// metadata an IdP was given stays valid.
export async function loadSpCredential(env: { keyFile?: string; certFile?: string }, dataDir: string): Promise<SpCredential> {
  if (env.keyFile || env.certFile) {
    if (!env.keyFile || !env.certFile) throw new Error('TILLIT_SAML_SP_KEY_FILE och TILLIT_SAML_SP_CERT_FILE anges tillsammans (set both)');
    return { key: readFileSync(env.keyFile, 'utf8'), cert: readFileSync(env.certFile, 'utf8') };
  }
  const keyFile = path.join(dataDir, 'saml-sp.key');
  const certFile = path.join(dataDir, 'saml-sp.crt');
  if (existsSync(keyFile) && existsSync(certFile)) return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  const made = await generateSpCredential();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(keyFile, made.key, { mode: 0o600 });
  writeFileSync(certFile, made.cert);
  return made;
}
