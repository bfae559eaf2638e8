import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps: read as Date, written as Date or ISO string, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** JSON with a database default: may be left out on insert. */
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export type Role = 'owner' | 'admin' | 'agent';

export interface WorkingHoursInterval {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  day: number;
  /** Local time "HH:MM" in the person's time zone. */
  start: string;
  end: string;
}

export interface InstanceTable {
  id: Generated<number>;
  setup_token_hash: string | null;
  setup_token_expires_at: Timestamp | null;
  setup_completed_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  default_locale: Generated<string>;
  time_zone: Generated<string>;
  country: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<string>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  time_zone: Generated<string>;
  working_hours: ColumnType<WorkingHoursInterval[], string | undefined, string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: DefaultTimestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  workspace_id: string | null;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface InvitesTable {
  workspace_id: string;
  id: string;
  email: string;
  role: Exclude<Role, 'owner'>;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface ApiTokensTable {
  workspace_id: string;
  id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  role: Exclude<Role, 'owner'>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuthThrottlesTable {
  key: string;
  failures: Generated<number>;
  window_started_at: DefaultTimestamp;
  locked_until: Timestamp | null;
}

export interface EventsTable {
  workspace_id: string;
  id: ColumnType<string, never, never>;
  name: string;
  actor_type: 'user' | 'api_token' | 'system';
  actor_id: string | null;
  subject_type: string;
  subject_id: string;
  data: JsonWithDefault<Record<string, unknown>>;
  request_id: string | null;
  created_at: DefaultTimestamp;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: ColumnType<string, never, never>;
  workspace_id: string | null;
  name: string;
  payload: JsonWithDefault<unknown>;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  run_at: DefaultTimestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  idempotency_key: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

export interface CustomersTable {
  workspace_id: string;
  id: string;
  given_name: string | null;
  family_name: string | null;
  middle_name: string | null;
  name_order: 'given_first' | 'family_first' | null;
  title: string | null;
  formality: ColumnType<'formal' | 'informal' | 'unknown', 'formal' | 'informal' | 'unknown' | undefined>;
  language: string | null;
  country: string | null;
  time_zone: string | null;
  time_zone_source: 'explicit' | 'phone' | 'country' | null;
  company: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  attributes: JsonWithDefault<Record<string, string | number | boolean | null>>;
  marketing_consent: boolean | null;
  marketing_consent_at: Timestamp | null;
  marketing_consent_source: string | null;
  search_text: ColumnType<string, string | undefined, string>;
  name_key: ColumnType<string, string | undefined, string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  first_seen_at: Timestamp | null;
  last_contacted_at: Timestamp | null;
}

export interface CustomerIdentitiesTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  kind: 'email' | 'phone' | 'chat' | 'telegram' | 'whatsapp' | 'social';
  value: string;
  created_at: DefaultTimestamp;
}

export interface CustomerNotesTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  author_id: string | null;
  body: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CustomerNoteRevisionsTable {
  workspace_id: string;
  id: string;
  note_id: string;
  body: string;
  edited_by: string | null;
  edited_at: DefaultTimestamp;
}

export interface CustomerFactsTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  text: string;
  /** date columns come back as Date at midnight UTC from pg; we read them as text (see repo). */
  date: ColumnType<string | null, string | null | undefined, string | null>;
  recurs_yearly: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface CustomerAttributeDefinitionsTable {
  workspace_id: string;
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'choice';
  choices: ColumnType<string[], string[] | undefined, string[]>;
  created_at: DefaultTimestamp;
}

export interface CustomerMergesTable {
  workspace_id: string;
  source_id: string;
  target_id: string;
  merged_by: string | null;
  merged_at: DefaultTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

/** The database as Kysely sees it. Keep in step with migrations/. */
export interface DB {
  instance: InstanceTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  api_tokens: ApiTokensTable;
  auth_throttles: AuthThrottlesTable;
  events: EventsTable;
  jobs: JobsTable;
  schema_migrations: SchemaMigrationsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  customer_notes: CustomerNotesTable;
  customer_note_revisions: CustomerNoteRevisionsTable;
  customer_facts: CustomerFactsTable;
  customer_attribute_definitions: CustomerAttributeDefinitionsTable;
  customer_merges: CustomerMergesTable;
}

export type Workspace = Selectable<WorkspacesTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type Session = Selectable<SessionsTable>;
export type Invite = Selectable<InvitesTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type EventRow = Selectable<EventsTable>;
export type Job = Selectable<JobsTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type CustomerIdentityRow = Selectable<CustomerIdentitiesTable>;
