import { findWorkspace } from '../../workspaces/workspaces.repo.js';
import { registerMergeHandler } from '../merge-customers.js';
import { registerErasureHandler } from '../privacy.js';
import * as customersRepo from '../customers.repo.js';
import * as repo from './customer-imports.repo.js';
import { scrubErrorReports } from './scrub-error-reports.js';

// Erasing a customer removes what imports kept of them: the rows of imports' error reports that name them (by
// email, phone or full name; reports are kept 30 days; a running import's when it ends) and the links to the
// imports that wrote them.
registerErasureHandler(async (trx, workspaceId, customerId) => {
  const customer = await customersRepo.findCustomer(trx, workspaceId, customerId);
  if (!customer) return;
  const identities = await customersRepo.listIdentities(trx, workspaceId, [customerId]);
  await scrubErrorReports(trx, workspaceId, {
    emails: identities.filter((i) => i.kind === 'email').map((i) => i.value.toLowerCase()),
    phones: identities.filter((i) => i.kind === 'phone' || i.kind === 'whatsapp').map((i) => i.value),
    nameKey: customer.name_key,
    country: customer.country ?? (await findWorkspace(trx, workspaceId))?.country ?? null,
  });
  await repo.deleteImportLinks(trx, workspaceId, customerId);
});

// Merging two customers keeps the imports that wrote either on the timeline of the one kept.
registerMergeHandler((trx, workspaceId, targetId, sourceId) => repo.moveImportLinks(trx, workspaceId, targetId, sourceId));
