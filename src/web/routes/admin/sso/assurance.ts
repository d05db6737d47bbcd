// The Swedish levels of assurance (tillitsnivåer, Digg / former E-legitimationsnämnden) as URIs: the
// acr values (OIDC) and AuthnContextClassRef values (SAML) Swedish IdPs send.
export const LOA_LEVELS = [
  { key: 'loa2', uri: 'http://id.elegnamnden.se/loa/1.0/loa2' },
  { key: 'loa3', uri: 'http://id.elegnamnden.se/loa/1.0/loa3' },
  { key: 'loa4', uri: 'http://id.elegnamnden.se/loa/1.0/loa4' },
] as const;

export const isLoaUri = (v: string) => LOA_LEVELS.some((l) => l.uri === v);
