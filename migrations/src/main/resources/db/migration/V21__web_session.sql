-- Sessions of the pages for people (issue 15, DESIGN.md 8.2).
--
-- A browser that signs in at /login gets a random cookie; the row keyed by its SHA-256 says whose
-- session it is and until when. Rows rather than a signed token in the cookie: every instance behind
-- a load balancer reads the same table, and signing out (or an admin disabling the user) ends the
-- session everywhere at once, also on a copy of the cookie left on a shared village-office phone.
-- The cookie itself is never stored, so a read of this table opens no session.
CREATE TABLE web_session (
  id_hash    CHAR(64)    NOT NULL,
  user_id    BIGINT      NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id_hash)
);
CREATE INDEX ix_web_session_user ON web_session (user_id);
CREATE INDEX ix_web_session_expires ON web_session (expires_at);
