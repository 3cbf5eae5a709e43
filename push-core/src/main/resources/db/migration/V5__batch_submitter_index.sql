-- A company may have a bounded number of unfinished batches: they are counted at each submission.
create index push_batches_submitter_idx on push_batches (submitter_company_id) where submitter_company_id is not null;
