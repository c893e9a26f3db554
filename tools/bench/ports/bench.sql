-- SPDX-License-Identifier: MIT
-- The SQLite workload of `make bench` (section ports): 100000 rows in a
-- transaction, an index, a join, aggregates and an integrity check, on
-- the database the command line names (a file in /tmp).
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO t(k, v) SELECT (i * 7919) % 1000, printf('value-%08d', i) FROM n;
COMMIT;
CREATE INDEX t_k ON t(k);
CREATE TABLE g AS SELECT k, count(*) AS c, max(v) AS m FROM t GROUP BY k;
SELECT count(*), sum(c), min(m) FROM g JOIN t USING (k) WHERE t.id % 10 = 0;
SELECT k, c FROM g ORDER BY c DESC, k LIMIT 3;
PRAGMA integrity_check;
