-- Session tokens of the OMA-compatible API (its "authenticate" method): usable instead of the account's
-- password until they expire. Only a SHA-256 hash of each token is kept. A token issued before the
-- account's password last changed is no longer valid (checked where it is looked up); deleting the
-- account deletes its tokens.
create table oma_session_tokens (
    token_hash  bytea       primary key check (length(token_hash) = 32),
    account_id  uuid        not null references accounts (account_id) on delete cascade,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);
create index oma_session_tokens_account_idx on oma_session_tokens (account_id, expires_at);
