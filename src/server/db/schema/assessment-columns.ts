import { boolean, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './platform.js';

// Columns the assessment tables share.
export const recordColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const secrecyColumns = () => ({
  secret: boolean('secret').notNull().default(false),
  secrecyProvision: text('secrecy_provision'),
});
