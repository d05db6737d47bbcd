export * from './platform.js';
export * from './registers.js';
export * from './identity.js';
export * from './audit.js';
export * from './log-reviews.js';
export * from './assessment.js';
export * from './measures.js';
export * from './risks.js';
