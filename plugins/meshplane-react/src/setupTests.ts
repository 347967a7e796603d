import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages with several tables take over a second to render on a loaded 2-core machine.
configure({ asyncUtilTimeout: 10_000 });
