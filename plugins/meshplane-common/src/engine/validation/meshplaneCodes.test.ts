import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from './messages';
import { MESHPLANE_CODE_DOCS, meshplaneCodeDoc } from './meshplaneCodes';

const mplCodes = Object.keys(CODES).filter(code => code.startsWith('MPL'));

describe('MESHPLANE_CODE_DOCS', () => {
  it('documents every MPL code of the message table, with its level and name', () => {
    expect(MESHPLANE_CODE_DOCS.map(doc => doc.code).sort()).toEqual(
      mplCodes.sort(),
    );
    for (const doc of MESHPLANE_CODE_DOCS) {
      expect({ code: doc.code, ...CODES[doc.code] }).toEqual({
        code: doc.code,
        level: doc.level,
        name: doc.name,
      });
      for (const text of [doc.title, doc.description, doc.impact, doc.fix]) {
        expect(text.trim().length).toBeGreaterThan(20);
      }
    }
  });

  it('matches the engine README row of each code (analyzer and level)', () => {
    const readme = readFileSync(
      join(__dirname, '..', '..', '..', 'README.md'),
      'utf8',
    );
    for (const doc of MESHPLANE_CODE_DOCS) {
      const row = readme
        .split('\n')
        .find(line => line.startsWith(`| ${doc.code} `));
      expect(row).toBeDefined();
      const cells = row!.split('|').map(cell => cell.trim());
      expect(cells.slice(1, 4)).toEqual([doc.code, doc.analyzer, doc.level]);
    }
  });

  it('finds a code by name and nothing for codes of other families', () => {
    expect(meshplaneCodeDoc('MPL0002')?.name).toBe(
      'StrictBlockedByPlaintextCallers',
    );
    expect(meshplaneCodeDoc('IST0101')).toBeUndefined();
  });
});
