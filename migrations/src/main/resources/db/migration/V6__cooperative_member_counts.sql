-- Member counts per cooperative (all members, and members whose household is not ORDINARY, i.e.
-- registered poor, monitored or recently exited), kept up to date by the registry in the same
-- transaction as each membership and household status change. Matching scores a cooperative by its
-- share of poor households; counting them from membership ⋈ household on every snapshot costs a
-- read of every member (minutes for a province of 2,000,000 households), this is one row each.
CREATE TABLE cooperative_member_count (
  cooperative_id BIGINT NOT NULL,
  members        INT    NOT NULL,
  poor_members   INT    NOT NULL,
  PRIMARY KEY (cooperative_id)
);

INSERT INTO cooperative_member_count (cooperative_id, members, poor_members)
SELECT m.cooperative_id, COUNT(*), SUM(CASE WHEN h.status <> 'ORDINARY' THEN 1 ELSE 0 END)
FROM membership m JOIN household h ON h.id = m.household_id
GROUP BY m.cooperative_id;
