import { createBrowserRouter } from 'react-router';
import { Shell } from './components/Shell.js';
import { StartPage } from './components/StartPage.js';
import { NotFound } from './components/NotFound.js';
import { RequireAuth } from './routes/auth/RequireAuth.js';
import { AccessibilityStatement } from './routes/accessibility/AccessibilityStatement.js';
import { StatementLayout } from './routes/accessibility/StatementLayout.js';
import { SignIn } from './routes/auth/SignIn.js';
import { ForgotPassword } from './routes/auth/ForgotPassword.js';
import { ResetPassword } from './routes/auth/ResetPassword.js';
import { MfaEnrol } from './routes/auth/MfaEnrol.js';
import { Account } from './routes/account/Account.js';
import { NotificationsPage } from './routes/notifications/NotificationsPage.js';
import { NotificationSettings } from './routes/notifications/NotificationSettings.js';
import { TenantSettings } from './routes/admin/TenantSettings.js';
import { UserDetail } from './routes/admin/users/UserDetail.js';
import { UserForm } from './routes/admin/users/UserForm.js';
import { UsersList } from './routes/admin/users/UsersList.js';
import { ApiTokens } from './routes/admin/ApiTokens.js';
import { SsoSettings } from './routes/admin/SsoSettings.js';
import { AssetDetail } from './routes/information-assets/AssetDetail.js';
import { AssetForm } from './routes/information-assets/AssetForm.js';
import { AssetsList } from './routes/information-assets/AssetsList.js';
import { OrgUnitForm } from './routes/org-units/OrgUnitForm.js';
import { OrgUnits } from './routes/org-units/OrgUnits.js';
import { SystemDetail } from './routes/systems/SystemDetail.js';
import { SystemForm } from './routes/systems/SystemForm.js';
import { SystemsList } from './routes/systems/SystemsList.js';
import { SupplierDetail } from './routes/suppliers/SupplierDetail.js';
import { SupplierForm } from './routes/suppliers/SupplierForm.js';
import { SuppliersList } from './routes/suppliers/SuppliersList.js';
// supplier register: contracts
import { ContractDetail } from './routes/contracts/ContractDetail.js';
import { ContractForm } from './routes/contracts/ContractForm.js';
import { ContractsList } from './routes/contracts/ContractsList.js';
import { LogReviewsList } from './routes/log-reviews/LogReviewsList.js';
import { PlanDetail } from './routes/log-reviews/PlanDetail.js';
import { PlanForm } from './routes/log-reviews/PlanForm.js';
import { PlansList } from './routes/log-reviews/PlansList.js';
import { ReviewDetail } from './routes/log-reviews/ReviewDetail.js';
import { AuditTrail } from './routes/audit/AuditTrail.js';
import { MeasuresBoard } from './routes/measures/MeasuresBoard.js';
import { MeasureForm } from './routes/measures/MeasureForm.js';
import { MeasureDetail } from './routes/measures/MeasureDetail.js';
import { PolicyGoals } from './routes/policy-goals/PolicyGoals.js';
import { ActionPlansList } from './routes/action-plans/ActionPlansList.js';
import { ActionPlanDetail } from './routes/action-plans/ActionPlanDetail.js';
import { ReportIncident } from './routes/incidents/ReportIncident.js';
import { MyReports } from './routes/incidents/MyReports.js';
import { IncidentsList } from './routes/incidents/IncidentsList.js';
import { IncidentDetail } from './routes/incidents/IncidentDetail.js';
import { IncidentSettingsPage } from './routes/incident-settings/IncidentSettingsPage.js';
import { RegimesPage } from './routes/incidents/obligations/RegimesPage.js';
import { RoutesView } from './routes/incident-settings/RoutesView.js';
import { StatusPage } from './routes/status/StatusPage.js';
import { ContinuityOverview } from './routes/continuity/ContinuityOverview.js';
import { RestorePriorityPage } from './routes/continuity/RestorePriorityPage.js';
import { ExercisesList } from './routes/continuity/ExercisesList.js';
import { ExerciseForm } from './routes/continuity/ExerciseForm.js';
import { ExerciseDetail } from './routes/continuity/ExerciseDetail.js';
// credentials + recertification + charge-back
import { CredentialsList } from './routes/credentials/CredentialsList.js';
import { CredentialForm } from './routes/credentials/CredentialForm.js';
import { CredentialDetail } from './routes/credentials/CredentialDetail.js';
import { CampaignsList } from './routes/credentials/CampaignsList.js';
import { CampaignForm } from './routes/credentials/CampaignForm.js';
import { CampaignDetail } from './routes/credentials/CampaignDetail.js';
import { ChargeBackReport } from './routes/credentials/ChargeBackReport.js';
// follow-ups + evidence files
import { FollowUpsList, PortalFollowUps } from './routes/supplier-follow-ups/FollowUpsList.js';
import { FollowUpForm } from './routes/supplier-follow-ups/FollowUpForm.js';
import { FollowUpPage, PortalFollowUp } from './routes/supplier-follow-ups/FollowUpPage.js';
import { TemplateEditor } from './routes/supplier-follow-ups/TemplateEditor.js';
// change notices + portal home
import { ChangeNoticesList } from './routes/change-notices/ChangeNoticesList.js';
import { ChangeNoticeForm } from './routes/change-notices/ChangeNoticeForm.js';
import { ChangeNoticeDetail } from './routes/change-notices/ChangeNoticeDetail.js';
import { PortalHome } from './routes/portal/PortalHome.js';
// access orders
import { AccessOrdersList } from './routes/access-orders/AccessOrdersList.js';
import { AccessOrderForm } from './routes/access-orders/AccessOrderForm.js';
import { AccessOrderDetail } from './routes/access-orders/AccessOrderDetail.js';
import { AccessOrderSettings } from './routes/access-orders/AccessOrderSettings.js';
import { AccessOrderReports } from './routes/access-orders/AccessOrderReports.js';
import { RequirementsPage } from './routes/requirements/RequirementsPage.js';
import { GapAnalysisPage } from './routes/gap-analysis/GapAnalysisPage.js';
import { RisksHome } from './routes/risks/RisksHome.js';
import { AnalysisForm } from './routes/risks/AnalysisForm.js';
import { AnalysisPage } from './routes/risks/AnalysisPage.js';
import { RiskForm } from './routes/risks/RiskForm.js';
import { RiskPage } from './routes/risks/RiskPage.js';
import { RiskList } from './routes/risks/RiskList.js';
import { HeatMapPage } from './routes/risks/HeatMapPage.js';
import { SnapshotsPage } from './routes/risks/SnapshotsPage.js';
import { ClassifyWizard } from './routes/classification/ClassifyWizard.js';
import { CoveragePage } from './routes/classification/CoveragePage.js';
import { SchemeSettings } from './routes/classification/SchemeSettings.js';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignIn /> },
  // Password reset by mail: public, the link in the mail carries the single-use token.
  { path: '/forgot-password', element: <ForgotPassword /> },
  { path: '/reset-password', element: <ResetPassword /> },
  // Half-way through sign-in (the organisation requires MFA and none is set up): not RequireAuth.
  { path: '/mfa-enrol', element: <MfaEnrol /> },
  // The accessibility statement must be readable without signing in (lag 2018:1937).
  { path: '/tillganglighet', element: <StatementLayout />, children: [{ index: true, element: <AccessibilityStatement /> }] },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <StartPage /> },
          { path: 'systems', element: <SystemsList /> },
          { path: 'systems/new', element: <SystemForm /> },
          { path: 'systems/:id', element: <SystemDetail /> },
          { path: 'systems/:id/edit', element: <SystemForm /> },
          { path: 'systems/:id/gap-analysis', element: <GapAnalysisPage /> },
          { path: 'requirements', element: <RequirementsPage /> },
          { path: 'information-assets', element: <AssetsList /> },
          { path: 'information-assets/new', element: <AssetForm /> },
          { path: 'information-assets/:id', element: <AssetDetail /> },
          { path: 'information-assets/:id/edit', element: <AssetForm /> },
          { path: 'information-assets/:id/classify', element: <ClassifyWizard /> },
          { path: 'classification', element: <CoveragePage /> },
          { path: 'admin/classification', element: <SchemeSettings /> },
          { path: 'org-units', element: <OrgUnits /> },
          { path: 'org-units/new', element: <OrgUnitForm /> },
          { path: 'org-units/:id/edit', element: <OrgUnitForm /> },
          { path: 'suppliers', element: <SuppliersList /> },
          { path: 'suppliers/new', element: <SupplierForm /> },
          { path: 'suppliers/:id', element: <SupplierDetail /> },
          { path: 'suppliers/:id/edit', element: <SupplierForm /> },
          // supplier register: contracts
          { path: 'contracts', element: <ContractsList /> },
          { path: 'contracts/new', element: <ContractForm /> },
          { path: 'contracts/:id', element: <ContractDetail /> },
          { path: 'contracts/:id/edit', element: <ContractForm /> },
          { path: 'log-reviews', element: <LogReviewsList /> },
          { path: 'log-reviews/plans', element: <PlansList /> },
          { path: 'log-reviews/plans/new', element: <PlanForm /> },
          { path: 'log-reviews/plans/:id', element: <PlanDetail /> },
          { path: 'log-reviews/plans/:id/edit', element: <PlanForm /> },
          { path: 'log-reviews/:id', element: <ReviewDetail /> },
          { path: 'risks', element: <RisksHome /> },
          { path: 'risks/list', element: <RiskList /> },
          { path: 'risks/heat-map', element: <HeatMapPage /> },
          { path: 'risks/snapshots', element: <SnapshotsPage /> },
          { path: 'risks/analyses/new', element: <AnalysisForm /> },
          { path: 'risks/analyses/:id', element: <AnalysisPage /> },
          { path: 'risks/analyses/:id/edit', element: <AnalysisForm /> },
          { path: 'risks/new', element: <RiskForm /> },
          { path: 'risks/:id', element: <RiskPage /> },
          { path: 'risks/:id/edit', element: <RiskForm /> },
          { path: 'measures', element: <MeasuresBoard /> },
          { path: 'measures/new', element: <MeasureForm /> },
          { path: 'measures/:id', element: <MeasureDetail /> },
          { path: 'measures/:id/edit', element: <MeasureForm /> },
          { path: 'policy-goals', element: <PolicyGoals /> },
          { path: 'action-plans', element: <ActionPlansList /> },
          { path: 'action-plans/:id', element: <ActionPlanDetail /> },
          { path: 'incidents', element: <IncidentsList /> },
          { path: 'incidents/report', element: <ReportIncident /> },
          { path: 'incidents/mine', element: <MyReports /> },
          { path: 'incidents/:id', element: <IncidentDetail /> },
          { path: 'incidents/routes', element: <RoutesView /> },
          { path: 'continuity', element: <ContinuityOverview /> },
          { path: 'continuity/restore-priority', element: <RestorePriorityPage /> },
          { path: 'continuity/exercises', element: <ExercisesList /> },
          { path: 'continuity/exercises/new', element: <ExerciseForm /> },
          { path: 'continuity/exercises/:id', element: <ExerciseDetail /> },
          { path: 'continuity/exercises/:id/edit', element: <ExerciseForm /> },
          // credentials + recertification + charge-back
          { path: 'credentials', element: <CredentialsList /> },
          { path: 'credentials/new', element: <CredentialForm /> },
          { path: 'credentials/:id', element: <CredentialDetail /> },
          { path: 'credentials/:id/edit', element: <CredentialForm /> },
          { path: 'recertifications', element: <CampaignsList /> },
          { path: 'recertifications/new', element: <CampaignForm /> },
          { path: 'recertifications/:id', element: <CampaignDetail /> },
          { path: 'reports/charge-back', element: <ChargeBackReport /> },
          // follow-ups + evidence files
          { path: 'supplier-follow-ups', element: <FollowUpsList /> },
          { path: 'supplier-follow-ups/new', element: <FollowUpForm /> },
          { path: 'supplier-follow-ups/templates', element: <TemplateEditor /> },
          { path: 'supplier-follow-ups/:id', element: <FollowUpPage /> },
          { path: 'portal/follow-ups', element: <PortalFollowUps /> },
          { path: 'portal/follow-ups/:id', element: <PortalFollowUp /> },
          // change notices + portal home
          { path: 'change-notices', element: <ChangeNoticesList /> },
          { path: 'change-notices/new', element: <ChangeNoticeForm /> },
          { path: 'change-notices/:id', element: <ChangeNoticeDetail /> },
          { path: 'change-notices/:id/edit', element: <ChangeNoticeForm /> },
          { path: 'portal', element: <PortalHome /> },
          // access orders
          { path: 'access-orders', element: <AccessOrdersList /> },
          { path: 'access-orders/new', element: <AccessOrderForm /> },
          { path: 'access-orders/settings', element: <AccessOrderSettings /> },
          { path: 'access-orders/reports', element: <AccessOrderReports /> },
          { path: 'access-orders/:id', element: <AccessOrderDetail /> },
          { path: 'status', element: <StatusPage /> },
          { path: 'admin/incident-settings', element: <IncidentSettingsPage /> },
          { path: 'admin/reporting-regimes', element: <RegimesPage /> },
          { path: 'account', element: <Account /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'notifications/settings', element: <NotificationSettings /> },
          { path: 'admin/users', element: <UsersList /> },
          { path: 'admin/users/new', element: <UserForm /> },
          { path: 'admin/users/:id', element: <UserDetail /> },
          { path: 'admin/settings', element: <TenantSettings /> },
          { path: 'admin/api-tokens', element: <ApiTokens /> },
          { path: 'admin/sso', element: <SsoSettings /> },
          { path: 'audit', element: <AuditTrail /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
