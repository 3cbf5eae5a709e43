-- A push moves a domain from one company to another: a push to the company that owns the domain is refused
-- before anything is stored (SAME_COMPANY). The lists of a company's pushes in both directions read the losing
-- side's index and the gaining side's index each alone and add them up, which counts each push once only while
-- no company is on both sides of one.
alter table pushes add constraint pushes_sides_differ check (losing_company_id <> gaining_company_id);
