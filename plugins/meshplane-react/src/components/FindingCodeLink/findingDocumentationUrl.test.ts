import { findingDocumentationUrl } from './findingDocumentationUrl';

describe('findingDocumentationUrl', () => {
  it('links Istio analyzer codes to their istio.io page', () => {
    expect(findingDocumentationUrl('IST0101')).toBe(
      'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
    );
  });

  it('links Kiali codes to the validation list at the code', () => {
    expect(findingDocumentationUrl('KIA0501')).toBe(
      'https://kiali.io/docs/features/validations/#:~:text=KIA0501',
    );
  });

  it("links Meshplane codes to the portal's code page when it is mounted", () => {
    expect(
      findingDocumentationUrl('MPL0002', {
        codesPage: '/meshplane/codes',
        engineReadmeUrl: 'https://docs.example/engine',
      }),
    ).toBe('/meshplane/codes/MPL0002');
  });

  it('links Meshplane codes to the engine README without the code page, when its location is known', () => {
    expect(findingDocumentationUrl('MPL0002')).toBeUndefined();
    expect(
      findingDocumentationUrl('MPL0002', {
        engineReadmeUrl: 'https://docs.example/engine',
      }),
    ).toBe('https://docs.example/engine#mpl0002');
  });

  it('has no link for codes of unknown families', () => {
    expect(findingDocumentationUrl('XYZ0001')).toBeUndefined();
    expect(findingDocumentationUrl('IST01')).toBeUndefined();
  });
});
