-- What an import does to the existing customers its rows match (chosen when it starts): write the file's values
-- over theirs, fill in only what they lack, or leave them alone. Imports started before keep updating.
ALTER TABLE customer_imports
  ADD COLUMN existing text CHECK (existing IN ('update', 'fill_empty', 'skip')),
  ADD COLUMN rows_skipped integer NOT NULL DEFAULT 0;
UPDATE customer_imports SET existing = 'update' WHERE match_by IS NOT NULL;
