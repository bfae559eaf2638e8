export * from './common.js';
export * from './auth.js';
export * from './workspaces.js';
export * from './customers.js';
export * from './customer-duplicates.js';
export * from './customer-imports.js';
export * from './customer-views.js';
export * from './business-hours.js';
