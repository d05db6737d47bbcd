import { createBrowserRouter, Navigate } from 'react-router';
import { Shell } from './components/Shell.js';
import { NotFound } from './components/NotFound.js';
import { RequireAuth } from './routes/auth/RequireAuth.js';
import { AccessibilityStatement } from './routes/accessibility/AccessibilityStatement.js';
import { StatementLayout } from './routes/accessibility/StatementLayout.js';
import { SignIn } from './routes/auth/SignIn.js';
import { Account } from './routes/account/Account.js';
import { AssetDetail } from './routes/information-assets/AssetDetail.js';
import { AssetForm } from './routes/information-assets/AssetForm.js';
import { AssetsList } from './routes/information-assets/AssetsList.js';
import { OrgUnitForm } from './routes/org-units/OrgUnitForm.js';
import { OrgUnits } from './routes/org-units/OrgUnits.js';
import { SystemDetail } from './routes/systems/SystemDetail.js';
import { SystemForm } from './routes/systems/SystemForm.js';
import { SystemsList } from './routes/systems/SystemsList.js';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignIn /> },
  // The accessibility statement must be readable without signing in (lag 2018:1937).
  { path: '/tillganglighet', element: <StatementLayout />, children: [{ index: true, element: <AccessibilityStatement /> }] },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <Navigate to="/systems" replace /> },
          { path: 'systems', element: <SystemsList /> },
          { path: 'systems/new', element: <SystemForm /> },
          { path: 'systems/:id', element: <SystemDetail /> },
          { path: 'systems/:id/edit', element: <SystemForm /> },
          { path: 'information-assets', element: <AssetsList /> },
          { path: 'information-assets/new', element: <AssetForm /> },
          { path: 'information-assets/:id', element: <AssetDetail /> },
          { path: 'information-assets/:id/edit', element: <AssetForm /> },
          { path: 'org-units', element: <OrgUnits /> },
          { path: 'org-units/new', element: <OrgUnitForm /> },
          { path: 'org-units/:id/edit', element: <OrgUnitForm /> },
          { path: 'account', element: <Account /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
