import { registerErasureHandler, registerExportSection } from '../customers/privacy.js';
import { moveCustomerRows, registerMergeHandler } from '../customers/merge-customers.js';

// Erasing a customer erases their chat visitors: name, email, pages, browser. The widget of that browser then holds
// a token for nobody, and starts afresh.
registerErasureHandler(async (trx, workspaceId, customerId) => {
  await trx.deleteFrom('chat_visitors').where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).execute();
});

// The customer's data export holds what the widget learned about them.
registerExportSection('chatVisitors', async (db, workspaceId, customerId) => {
  const rows = await db
    .selectFrom('chat_visitors')
    .select([
      'id',
      'name',
      'email',
      'language',
      'time_zone',
      'page_url',
      'page_title',
      'user_agent',
      'created_at',
      'last_seen_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    language: row.language,
    timeZone: row.time_zone,
    lastPage: row.page_url,
    lastPageTitle: row.page_title,
    browser: row.user_agent,
    firstSeenAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
  }));
});

// Merging two customers keeps their chat visitors (and so the widget's history) with the one kept.
registerMergeHandler(moveCustomerRows('chat_visitors'));
