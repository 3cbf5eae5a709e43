-- The losing company may ask to be told when one of its domains is pushed out (off by default): its
-- notification address then gets one notice per domain. A push so has up to two notifications, the
-- gaining company's (the article's) and the losing company's notice, each with its own Message-ID.
alter table companies add column notify_when_pushed_out boolean not null default false;
alter table notifications add column audience text not null default 'GAINING'
    check (audience in ('GAINING', 'LOSING'));
alter table notifications drop constraint notifications_pkey;
alter table notifications add primary key (push_id, audience);
