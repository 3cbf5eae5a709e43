-- The platform-sized data set of `bench scale`, set-based SQL only. ${DOMAINS} domains over ${COMPANIES}
-- companies; the first company (the large reseller) owns ${LARGE} of them; 5 users a domain, 2 messages a
-- user, ${PUSHES} completed pushes with their notification, audit entry and history; one open billing
-- period a domain; the large reseller's webhook deliveries. Statements are separated by a line holding only
-- "--;" and timed one by one. It ends vacuumed, as autovacuum keeps a platform's tables.
insert into companies (company_id, name, cluster, notification_email)
select 1000 + c, case when c = 1 then 'Large Reseller' else 'Reseller ' || c end, 'a', 'noc' || c || '@scale.example'
  from generate_series(1, ${COMPANIES}) c;
--;
select setval(pg_get_serial_sequence('companies', 'company_id'), 1000 + ${COMPANIES});
--;
insert into brands (company_id, name)
select 1000 + c, 'Brand ' || b from generate_series(1, ${COMPANIES}) c, generate_series(1, 2) b;
--;
-- random-looking prefixes, so that a prefix search matches as many domains as it would in life (ab*: 1/256)
insert into domains (domain_id, name, company_id, user_count, message_count, message_bytes, created_at)
select d, substr(md5(d::text), 1, 6) || '-' || d || '.example',
       case when d <= ${LARGE} then 1001 else 1002 + (d - ${LARGE} - 1) % (${COMPANIES} - 1) end,
       5, 10, 10000, now() - interval '3 years'
  from generate_series(1, ${DOMAINS}) d;
--;
select setval(pg_get_serial_sequence('domains', 'domain_id'), ${DOMAINS});
--;
insert into users (user_id, domain_id, mailbox)
select (d - 1) * 5 + u, d, 'user' || u from generate_series(1, ${DOMAINS}) d, generate_series(1, 5) u;
--;
select setval(pg_get_serial_sequence('users', 'user_id'), ${DOMAINS} * 5);
--;
insert into messages (user_id, folder, subject, size_bytes)
select u, f, 'Message', 1000 from generate_series(1, ${DOMAINS} * 5) u, unnest(array['INBOX', 'Sent']) f;
--;
insert into billing_periods (domain_id, company_id, starts_on)
select domain_id, company_id, date '2024-01-01' from domains;
--;
-- the large reseller's bulk pushes: one batch for every 300 of its domains' first pushes
insert into push_batches (batch_id, gaining_company_id, submitter_company_id, total, accepted, rejected, submitted_at,
                          finished_at)
select md5('batch' || b)::uuid, 1001, 1001, 300, 300, 0, now() - interval '730 days' + b * interval '1 minute',
       now() - interval '730 days' + b * interval '1 minute' + interval '10 seconds'
  from generate_series(0, ${LARGE} / 300 - 1) b;
--;
-- push j moves domain (j - 1) % DOMAINS + 1 to the company that owns it now; the large reseller gains each of
-- its domains twice and loses a third of the others' pushes; submitted over the last two years, oldest first
insert into pushes (push_id, domain_id, domain_name, losing_company_id, gaining_company_id, status, batch_id,
                    submitted_at, requested_at, completed_at, users_moved, billing_starts_on)
select md5('push' || j)::uuid, d.domain_id, d.name,
       case when d.company_id = 1001 then 1002 + j % (${COMPANIES} - 1)
            when j % 3 = 0 then 1001
            else 1002 + (d.company_id - 1001) % (${COMPANIES} - 1) end,
       d.company_id, 'COMPLETED',
       case when j <= ${LARGE} then md5('batch' || ((j - 1) / 300))::uuid end,
       t, t, t + interval '1 second', 5, (t + interval '1 month')::date
  from generate_series(1, ${PUSHES}) j
  join domains d on d.domain_id = (j - 1) % ${DOMAINS} + 1
 cross join lateral (select now() - interval '730 days' + j * (interval '730 days' / ${PUSHES})
                            + (j % 7) * interval '1 millisecond' as t) s;
--;
insert into push_history (push_id, domain_id, from_company_id, to_company_id, users_moved, applied_at)
select push_id, domain_id, losing_company_id, gaining_company_id, 5, completed_at from pushes;
--;
insert into notifications (push_id, status, recipient, message_id, attempts, created_at, sent_at, updated_at, audience,
                           company_id)
select push_id, 'SENT', 'noc' || (gaining_company_id - 1000) || '@scale.example', '<' || push_id || '@scale.example>',
       1, completed_at, completed_at, completed_at, 'GAINING', gaining_company_id
  from pushes;
--;
insert into audit_log (at, actor_company_id, company_id, action, target, after)
select submitted_at, losing_company_id, c.company_id, 'PUSH_SUBMITTED', 'push ' || push_id,
       jsonb_build_object('domain', domain_name)
  from pushes p cross join lateral (values (p.losing_company_id), (p.gaining_company_id)) c (company_id)
 order by submitted_at;
--;
-- the large reseller's endpoint, with a delivery of every one of its pushes made over the last 25 days (one every
-- two seconds, newest first): what a month of a busy reseller's webhooks leaves within their 30-day retention
insert into webhooks (webhook_id, company_id, url, events, secret, status, created_at)
values ('00000000-0000-0000-0000-000000001001', 1001, 'https://hooks.scale.example/domain-push',
        array['push.completed'], '\x00', 'ENABLED', now() - interval '30 days');
--;
insert into webhook_deliveries (delivery_id, webhook_id, company_id, event_type, subject_id, payload, status, attempts,
                                last_code, created_at, queued_at, sent_at, updated_at)
select gen_random_uuid(), '00000000-0000-0000-0000-000000001001', 1001, 'push.completed', push_id,
       '{"type":"push.completed","data":{"push_id":"' || push_id || '"}}', 'DELIVERED', 1, 200, t, t, t, t
  from (select push_id, now() - row_number() over (order by submitted_at desc) * interval '2 seconds' as t
          from pushes where losing_company_id = 1001 or gaining_company_id = 1001) p;
--;
vacuum analyze;
