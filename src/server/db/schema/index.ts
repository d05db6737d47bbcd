export * from './platform.js';
export * from './registers.js';
