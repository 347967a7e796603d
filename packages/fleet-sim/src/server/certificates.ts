import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A CA and a server certificate it signed, PEM-encoded. */
export interface ServingCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function keyPair() {
  // node:crypto generates keys natively (fast); node-forge builds and signs the X.509 certificates.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKeyPem: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

function certificate(options: {
  subject: string;
  publicKey: forge.pki.PublicKey;
  issuer?: forge.pki.Certificate;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  const subject = [
    { name: 'commonName', value: options.subject },
    { name: 'organizationName', value: 'meshplane fleet-sim' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(options.issuer ? options.issuer.subject.attributes : subject);
  cert.setExtensions(options.extensions);
  return cert;
}

/**
 * Generates a fresh CA and a serving certificate for `hosts` (IP addresses
 * and DNS names), valid for a year; nothing is written to disk.
 */
export function createServingCertificates(
  hosts: string[],
): ServingCertificates {
  const ca = keyPair();
  const caCert = certificate({
    subject: 'fleet-sim-ca',
    publicKey: ca.publicKey,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        cRLSign: true,
        digitalSignature: true,
        critical: true,
      },
    ],
  });
  caCert.sign(ca.privateKey, forge.md.sha256.create());
  const server = keyPair();
  const altNames = [...new Set([...hosts, '127.0.0.1', 'localhost'])].map(
    host =>
      /^[\d.]+$/.test(host) || host.includes(':')
        ? { type: 7, ip: host }
        : { type: 2, value: host },
  );
  const serverCert = certificate({
    subject: 'fleet-sim-apiserver',
    publicKey: server.publicKey,
    issuer: caCert,
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'keyUsage',
        digitalSignature: true,
        keyEncipherment: true,
        critical: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  serverCert.sign(ca.privateKey, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(serverCert),
    keyPem: server.privateKeyPem,
  };
}
