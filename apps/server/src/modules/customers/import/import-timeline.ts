import { beforePosition, registerTimelineProvider } from '../timeline.js';
import * as repo from './customer-imports.repo.js';

// The imports that created or updated the customer, on their timeline: when the batch that wrote them
// committed, who started the import and from which file (while the import is kept, 30 days after it finished).
registerTimelineProvider({
  kind: 'import',
  async list(db, workspaceId, customerId, before, limit) {
    const rows = await repo.listImportLinks(
      db,
      workspaceId,
      customerId,
      beforePosition('import', before, 'l.imported_at', 'l.import_id'),
      limit,
    );
    return rows.map((r) => ({
      kind: 'import',
      id: r.import_id,
      occurredAt: r.imported_at.toISOString(),
      type: 'customer.imported',
      actorName: r.actor_name,
      data: { importId: r.import_id, outcome: r.outcome, fileName: r.file_name },
    }));
  },
});
