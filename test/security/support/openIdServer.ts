/**
 * A local stand-in for the Bot Connector's OpenID configuration: serves the metadata document
 * and its signing keys (JWKS) on 127.0.0.1, and signs tokens with the private key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWTPayload, type CryptoKey } from 'jose';

export interface OpenIdServer {
  metadataUrl: string;
  /** Number of times the metadata and the keys were fetched. */
  fetches: number;
  /** Signs `claims` with RS256 under the served key id, or with `key` when given. */
  sign(claims: JWTPayload, key?: CryptoKey): Promise<string>;
  /** A private key that the server does not publish. */
  otherKey: CryptoKey;
  keyId: string;
  close(): Promise<void>;
}

export async function startOpenIdServer(
  options: { endorsements?: string[] } = {},
): Promise<OpenIdServer> {
  const keyId = 'firebreak-test-key';
  const signing = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(signing.publicKey);
  const keys = [
    {
      ...jwk,
      kid: keyId,
      use: 'sig',
      alg: 'RS256',
      endorsements: options.endorsements ?? ['msteams'],
    },
  ];

  let fetches = 0;
  let baseUrl = '';
  const server = http.createServer((req, res) => {
    fetches += 1;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${baseUrl}/keys` }),
      );
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${baseUrl}/.well-known/openid-configuration`,
    get fetches() {
      return fetches;
    },
    sign: (claims, key = signing.privateKey) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keyId, typ: 'JWT' }).sign(key),
    otherKey: other.privateKey,
    keyId,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Builds an unsigned token (`alg: none`) naming a published key, which a validator must reject. */
export function unsignedToken(claims: JWTPayload, keyId: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT', kid: keyId })}.${encode(claims)}.`;
}
