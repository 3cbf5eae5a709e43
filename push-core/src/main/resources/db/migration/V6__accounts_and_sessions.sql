-- People who sign in (the console; later the OMA-compatible API): company admins (company_id set) and
-- operators (company_id null). Only an adaptive hash of the password is kept. Usernames are email
-- addresses, unique platform-wide whatever their case.
create table accounts (
    account_id    uuid        primary key,
    company_id    bigint references companies (company_id),
    username      text        not null check (length(username) between 3 and 254 and username = lower(username)),
    password_hash text        not null,
    created_at    timestamptz not null default now(),
    password_changed_at timestamptz not null default now()
);
create unique index accounts_username_idx on accounts (username);
create index accounts_company_idx on accounts (company_id, created_at);

-- Failed sign-ins per username, whether or not such an account exists (so throttling tells nothing about
-- which usernames exist); a success or the end of the window clears them.
create table sign_in_failures (
    username          text        primary key check (length(username) <= 254),
    failures          integer     not null,
    window_started_at timestamptz not null
);

alter table audit_log add column actor_account_id uuid;

-- Console sessions, shared by every push-api instance (Spring Session JDBC's schema for PostgreSQL).
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
