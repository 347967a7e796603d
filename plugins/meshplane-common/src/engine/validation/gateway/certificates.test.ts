import { certificateNotAfter, certificateProblem } from './certificates';

/** A DER certificate skeleton: SEQ{ SEQ{ [0]{INT}, INT, SEQ, SEQ, SEQ{ time, time } } }. */
function der(
  notBefore: [number, string],
  notAfter: [number, string],
): Uint8Array {
  const tlv = (tag: number, body: number[]) => [tag, body.length, ...body];
  const time = ([tag, text]: [number, string]) =>
    tlv(
      tag,
      [...text].map(c => c.charCodeAt(0)),
    );
  const tbs = [
    ...tlv(0xa0, tlv(0x02, [2])),
    ...tlv(0x02, [1]),
    ...tlv(0x30, []),
    ...tlv(0x30, []),
    ...tlv(0x30, [...time(notBefore), ...time(notAfter)]),
  ];
  return Uint8Array.from(tlv(0x30, tlv(0x30, tbs)));
}

function pem(bytes: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${btoa(
    String.fromCharCode(...bytes),
  )}\n-----END CERTIFICATE-----\n`;
}

describe('gateway credential certificates', () => {
  it.each([
    {
      name: 'UTCTime',
      cert: der([0x17, '200101000000Z'], [0x17, '300101000000Z']),
      expected: '2030-01-01T00:00:00.000Z',
    },
    {
      name: 'GeneralizedTime',
      cert: der([0x17, '200101000000Z'], [0x18, '21220218061836Z']),
      expected: '2122-02-18T06:18:36.000Z',
    },
  ])('reads notAfter ($name)', ({ cert, expected }) => {
    expect(certificateNotAfter(cert)?.toISOString()).toBe(expected);
  });

  it.each([
    {
      name: 'valid',
      data: {
        'tls.crt': pem(der([0x17, '200101000000Z'], [0x17, '300101000000Z'])),
        'tls.key': 'k',
      },
      problem: /^$/,
    },
    {
      name: 'expired',
      data: {
        cert: pem(der([0x17, '100101000000Z'], [0x17, '110101000000Z'])),
        key: 'k',
      },
      problem: /expired/,
    },
    {
      name: 'empty keys',
      data: { 'tls.crt': '', 'tls.key': '' },
      problem: /were empty/,
    },
    { name: 'wrong keys', data: { foo: 'bar' }, problem: /expected keys/ },
  ])('$name', ({ data, problem }) => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: data,
    } as any;
    expect(
      certificateProblem(secret, new Date('2025-01-01T00:00:00Z')) ?? '',
    ).toMatch(problem);
  });
});
