export { openDatabase, type Database, type Engine, type OpenDatabaseOptions } from './open-database.js';
export { runMigrations, migrationsDir, type MigrationResult } from './migrate.js';
export { DatabaseError, isUniqueViolation } from './database-error.js';
export type { PoolClientLike, PoolQueryResult } from './pglite-pool.js';
export * from './schema.js';
export { backupDatabase, restoreDatabase, checksumDatabase } from './backup.js';
