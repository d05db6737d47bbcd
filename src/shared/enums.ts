// Value lists shared by the API schemas, the database and the web app. Labels live in i18n.
export const orgUnitTypes = ['department', 'operation', 'unit', 'company'] as const;
export type OrgUnitType = (typeof orgUnitTypes)[number];

export const lifecycleStatuses = ['planned', 'in_use', 'phasing_out', 'retired'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];

export const hostingTypes = ['local', 'external', 'cloud'] as const;
export type HostingType = (typeof hostingTypes)[number];

export const authenticationMethods = [
  'username_password',
  'sso',
  'bankid',
  'freja_eid_plus',
  'siths',
  'e_id_card',
  'token',
  'other',
] as const;
export type AuthenticationMethod = (typeof authenticationMethods)[number];

export const costCategories = ['licence', 'operation', 'support', 'consultancy', 'hosting', 'development', 'other'] as const;
export type CostCategory = (typeof costCategories)[number];

export const personalDataLevels = ['none', 'ordinary', 'sensitive', 'personnummer'] as const;
export type PersonalDataLevel = (typeof personalDataLevels)[number];

// IT-leverantör, utförare (vård och omsorg), konsult, annan: the type decides which requirement
// checklist a supplier is followed up against (seed 000 for suppliers, 003 for care providers).
export const supplierTypes = ['it_supplier', 'care_provider', 'consultant', 'other'] as const;
export type SupplierType = (typeof supplierTypes)[number];

// The roles the seeds name (domain.md, "Who uses it"); what each may do is in platform/access.ts.
export const roles = [
  'coordinator',
  'management',
  'it_manager',
  'operations_manager',
  'system_owner',
  'system_administrator',
  'manager',
  'employee',
  'auditor',
  'elected_official',
  'supplier_admin',
  'authorised_orderer',
  'super_user',
  // held only by API tokens of provisioning systems (SCIM clients such as Entra ID), never by a person
  'provisioning',
] as const;
export type Role = (typeof roles)[number];

// Supplier roles are always scoped to one supplier organisation.
export const supplierRoles = ['supplier_admin', 'authorised_orderer', 'super_user'] as const satisfies readonly Role[];

export type PersonRole = Exclude<Role, 'provisioning'>;
export const personRoles: readonly PersonRole[] = roles.filter((r): r is PersonRole => r !== 'provisioning');

export const scopeTypes = ['tenant', 'unit', 'systems', 'supplier'] as const;
export type ScopeType = (typeof scopeTypes)[number];

export const mfaPolicies = ['none', 'all', 'roles'] as const;
export type MfaPolicy = (typeof mfaPolicies)[number];

export const sessionStages = ['full', 'mfa', 'enrol'] as const;
export type SessionStage = (typeof sessionStages)[number];

export const objectActions = ['read', 'update', 'archive', 'restore'] as const;
export type ObjectAction = (typeof objectActions)[number];

// Assessment (issue 5). The four aspects of KLASSA: konfidentialitet, riktighet, tillgänglighet, spårbarhet.
export const aspects = ['confidentiality', 'integrity', 'availability', 'traceability'] as const;
export type Aspect = (typeof aspects)[number];

// Consequence categories the guided classification asks about for each aspect.
export const consequenceCategories = ['individuals', 'operation', 'finances', 'trust', 'law'] as const;
export type ConsequenceCategory = (typeof consequenceCategories)[number];

export const requirementKinds = ['organisation', 'procurement'] as const;
export type RequirementKind = (typeof requirementKinds)[number];
export const requirementAreas = ['administrative', 'physical', 'technical'] as const;
export type RequirementArea = (typeof requirementAreas)[number];

export const gapStatuses = ['exists', 'partly', 'missing', 'not_applicable'] as const;
export type GapStatus = (typeof gapStatuses)[number];
export const deficiencyLevels = ['negligible', 'moderate', 'significant', 'serious'] as const;
export type DeficiencyLevel = (typeof deficiencyLevels)[number];

// Where a measure comes from; the later modules (incidents, suppliers, continuity) add their records.
export const measureOrigins = [
  'gap',
  'risk',
  'incident',
  'supplier_deficiency',
  'exercise',
  'log_review',
  'follow_up',
  'needs_analysis',
  'other',
] as const;
export type MeasureOrigin = (typeof measureOrigins)[number];
export const measureStatuses = ['proposed', 'planned', 'in_progress', 'done', 'cancelled'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];
export const priorities = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof priorities)[number];

export const riskTreatments = ['reduce', 'accept', 'transfer', 'avoid'] as const;
export type RiskTreatment = (typeof riskTreatments)[number];
export const riskMatrixSizes = [4, 5] as const;
export type RiskMatrixSize = (typeof riskMatrixSizes)[number];

// Incidents (issue 6). Types as the seeds name them (D1-52, data model "Incident / event / deviation").
export const incidentTypes = ['incident', 'deviation', 'disruption', 'outage', 'attack', 'fault'] as const;
export type IncidentType = (typeof incidentTypes)[number];

// 'extensive' = extensive impact on operations: an extraordinary event handled as a crisis (D1-36).
export const incidentSeverities = ['low', 'moderate', 'high', 'extensive'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const incidentStatuses = ['reported', 'triaged', 'contained', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const personalDataInvolved = ['yes', 'no', 'unknown'] as const;
export type PersonalDataInvolved = (typeof personalDataInvolved)[number];

export const costPayers = ['municipality', 'supplier', 'provider'] as const;
export type CostPayer = (typeof costPayers)[number];

// The reporting obligations every incident is checked against (the contract's codes).
export const obligationCodes = [
  'gdpr-art33',
  'gdpr-art34',
  'nis2-early-warning',
  'nis2-notification',
  'nis2-final-report',
  'lex-maria',
] as const;
export type ObligationCode = (typeof obligationCodes)[number];

export const obligationApplies = ['yes', 'no', 'unassessed'] as const;
export type ObligationApplies = (typeof obligationApplies)[number];

export const incidentEntryKinds = ['action', 'crisis', 'system'] as const;
export type IncidentEntryKind = (typeof incidentEntryKinds)[number];

export const stakeholderKinds = ['unit', 'supplier', 'external'] as const;
export type StakeholderKind = (typeof stakeholderKinds)[number];

export const communicationKinds = ['outage', 'disruption', 'restored', 'other'] as const;
export type CommunicationKind = (typeof communicationKinds)[number];

// Continuity (D1-25, D1-26, D1-27, D1-42, D0-26).
export const continuityDocumentKinds = ['reserve_routine', 'continuity_plan', 'restore_plan', 'supplier_reserve_routine'] as const;
export type ContinuityDocumentKind = (typeof continuityDocumentKinds)[number];

// D0-26: the scenarios a supplier's reserve routines must cover
export const reserveScenarios = ['powerOutage', 'mobileNetwork', 'network', 'plannedDowntime', 'unplannedDowntime'] as const;
export type ReserveScenario = (typeof reserveScenarios)[number];

export const exerciseKinds = ['continuity', 'it_preparedness', 'incident_handling'] as const;
export type ExerciseKind = (typeof exerciseKinds)[number];

// D1-18 (D2-25): what a contract for a critical system must require; disclaimers should normally not
// be allowed, so one needs a justification.
export const contractClauses = [
  'it_security',
  'information_security',
  'traceability',
  'logging',
  'continuity_peacetime',
  'continuity_heightened_alert',
] as const;
export type ContractClause = (typeof contractClauses)[number];

// D0-21, D0-22, D0-33, D0-38, D3-05, D3-11: who answers for what.
export const responsibilityItems = [
  'workstations',
  'hardware',
  'software',
  'network_equipment',
  'connections',
  'printers',
  'fax',
  'network_expansion',
  'equipment_and_login',
  'own_equipment',
] as const;
export type ResponsibilityItem = (typeof responsibilityItems)[number];
