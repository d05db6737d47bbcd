export * from './platform.js';
export * from './registers.js';
export * from './identity.js';
