-- Issue 12, findings 4 and 10: user names unique regardless of case, and users an admin can disable.
--
-- username_key is the name in lower case (names are ASCII letters, digits and _ . @ -, so lower
-- case is the same in Java and SQL); its unique index decides that "Admin" cannot be created
-- beside "admin", and sign-in looks names up by it. Existing names that differ only by case: the
-- oldest (smallest time-ordered id) keeps the plain key; each later one gets "<lower-case name>#<id>",
-- so nothing is renamed and nobody is locked out (sign-in still finds those by their exact
-- spelling), while no new name can collide with any of them. An admin can then disable the extras.
ALTER TABLE app_user ADD COLUMN username_key VARCHAR(100) NOT NULL DEFAULT '';
UPDATE app_user SET username_key = LOWER(username);

CREATE TABLE app_user_case_duplicate (
  id BIGINT NOT NULL,
  PRIMARY KEY (id)
);
INSERT INTO app_user_case_duplicate (id)
SELECT DISTINCT later.id FROM app_user later JOIN app_user earlier
  ON LOWER(earlier.username) = LOWER(later.username) AND earlier.id < later.id;
UPDATE app_user SET username_key = CONCAT(LOWER(username), '#', id)
WHERE id IN (SELECT id FROM app_user_case_duplicate);
DROP TABLE app_user_case_duplicate;

CREATE UNIQUE INDEX ux_app_user_username_key ON app_user (username_key);

-- When an admin disabled the user (NULL: enabled). A disabled user cannot sign in, and tokens
-- already issued stop working within seconds (identity.ActiveUsers).
ALTER TABLE app_user ADD COLUMN disabled_at DATETIME(3) NULL;
ALTER TABLE app_user ADD COLUMN disabled_by BIGINT NULL;
