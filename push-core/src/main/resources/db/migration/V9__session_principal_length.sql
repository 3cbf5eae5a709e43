-- A console session is indexed by its account's username, which may be as long as an email address
-- (254 characters): Spring Session's own schema allows 100, and a longer username could not sign in.
alter table spring_session alter column principal_name type varchar(254);
