-- Failed sign-ins slow a guesser down and never lock the owner out: each key (a username, a browser that signed in
-- before) has a level of recent failures that leaks away over a window, and the earliest time its next attempt is
-- looked at. A browser that signed in before has its own key, so failures from elsewhere never slow it down.
drop table sign_in_failures;
create table sign_in_throttles (
    throttle_key    text             primary key check (length(throttle_key) <= 300),
    level           double precision not null,
    updated_at      timestamptz      not null,
    next_allowed_at timestamptz      not null
);
create index sign_in_throttles_updated_idx on sign_in_throttles (updated_at);

-- Browsers a person signed in from: the cookie holds a random token, only its hash is kept. Known for one username.
create table known_browsers (
    token_hash   bytea       not null,
    username     text        not null check (length(username) <= 254),
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    primary key (token_hash, username)
);
create index known_browsers_username_idx on known_browsers (username);
create index known_browsers_seen_idx on known_browsers (last_seen_at);

-- An OMA session token lives at most a fixed time from the password sign-in that started its chain: a token used
-- to get a new token passes its chain's end on, so a leaked token cannot renew itself forever.
alter table oma_session_tokens add column chain_expires_at timestamptz;
update oma_session_tokens set chain_expires_at = expires_at;
alter table oma_session_tokens alter column chain_expires_at set not null;

-- A company admin adds another admin by invitation: the invitee gets a single-use link (its token stored only as
-- a hash) and sets their own password. The invitation email is a delivery of the shared queue (its columns below);
-- the link is kept sealed (AES-GCM under push.webhooks.secret-key) only until the email is sent.
create table invitations (
    delivery_id     uuid        primary key,
    company_id      bigint      not null references companies (company_id) on delete cascade,
    email           text        not null check (length(email) <= 254),
    token_hash      bytea       not null unique check (length(token_hash) = 32),
    sealed_token    bytea,
    invited_by      uuid,
    expires_at      timestamptz not null,
    accepted_at     timestamptz,
    revoked_at      timestamptz,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts        integer     not null default 0,
    last_error      text,
    last_code       integer,
    queued_at       timestamptz not null default now(),
    next_attempt_at timestamptz default now(),
    claim_token     uuid,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    sent_at         timestamptz
);
create index invitations_due_idx on invitations (next_attempt_at) where status = 'PENDING';
create index invitations_company_idx on invitations (company_id, created_at desc);
create index invitations_created_brin on invitations using brin (created_at);
