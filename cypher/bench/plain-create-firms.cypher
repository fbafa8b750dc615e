// Benchmark baseline: a plain UNWIND … CREATE batch of firms.
UNWIND $rows AS row
CREATE (f:PlainFirm)
SET f = row
RETURN count(*) AS written
