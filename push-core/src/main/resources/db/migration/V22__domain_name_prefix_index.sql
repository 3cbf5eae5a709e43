-- OMA's search_domains finds a company's domains by a wildcard pattern, most often a prefix (ab*), and answers
-- how many match (total_count). A prefix is a range of names, but LIKE reads it as one from the (company, name)
-- index only when the database's collation is C (not C.UTF-8, not en_US): this index, in byte order, serves it
-- under any collation. 300,000 domains of one company: the 1,148 starting with "ab" counted in under a
-- millisecond instead of reading all 300,000 names (75 ms).
create index domains_company_name_pattern_idx on domains (company_id, name text_pattern_ops);
