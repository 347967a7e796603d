import { renderInTestApp } from '@backstage/frontend-test-utils';
import { MESHPLANE_CODE_DOCS } from '@meshplane/plugin-meshplane-common';
import { findingCodesRouteRef } from '@meshplane/plugin-meshplane-react';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { FindingCodesContent } from './FindingCodePage';

jest.setTimeout(30_000);

function renderAt(path: string) {
  return renderInTestApp(
    <Routes>
      <Route path="/meshplane/codes/*" element={<FindingCodesContent />} />
    </Routes>,
    {
      mountedRoutes: { '/meshplane/codes': findingCodesRouteRef },
      initialRouteEntries: [path],
    },
  );
}

describe('FindingCodesContent', () => {
  it("shows one code's documentation from the engine's table", async () => {
    const doc = MESHPLANE_CODE_DOCS.find(d => d.code === 'MPL0001')!;
    await renderAt('/meshplane/codes/MPL0001');
    const page = await screen.findByTestId('meshplane-code-page');
    expect(within(page).getByText(doc.title)).toBeInTheDocument();
    expect(within(page).getByText(doc.fix)).toBeInTheDocument();
    expect(
      within(page).getByText(`reported by ${doc.analyzer}`),
    ).toBeInTheDocument();
  });

  it('lists every code, each linked to its page', async () => {
    await renderAt('/meshplane/codes');
    for (const doc of MESHPLANE_CODE_DOCS) {
      expect(
        await screen.findByRole('link', { name: doc.code }),
      ).toHaveAttribute('href', `/meshplane/codes/${doc.code}`);
    }
  });

  it('points codes of Istio to their own documentation', async () => {
    await renderAt('/meshplane/codes/IST0101');
    expect(
      await screen.findByText(/IST0101 is not one of Meshplane's codes/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/documented at https:\/\/istio\.io/),
    ).toBeInTheDocument();
  });
});
