-- Issue 18 point 7: the node part of an id (10 bits, cn.bangfu.platform.Ids) is leased here, so two
-- instances on one database never generate ids with the same node. An instance takes the lowest
-- free node (or one whose holder stopped heartbeating for a minute: it crashed), heartbeats every
-- few seconds, and deletes its row when it stops, so the node is free for the next instance.
-- LEDGER_NODE_ID still pins a node without a lease.
CREATE TABLE node_lease (
  node_id      INT          NOT NULL,
  holder       VARCHAR(100) NOT NULL,
  leased_at    DATETIME(3)  NOT NULL,
  heartbeat_at DATETIME(3)  NOT NULL,
  PRIMARY KEY (node_id)
);
