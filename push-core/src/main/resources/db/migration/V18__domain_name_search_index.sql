-- A company's domains are searched by any part of their name (REST, console) or a wildcard pattern (OMA's
-- search_domains): a trigram index answers a part of three characters or more without reading every domain
-- of the company (a search that matches nothing read all 300,000 of a large reseller's). pg_trgm ships with
-- PostgreSQL (contrib) and is a trusted extension: the database's owner may create it.
create extension if not exists pg_trgm;
create index domains_name_trgm_idx on domains using gin (name gin_trgm_ops);
