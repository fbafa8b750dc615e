// Staged import: firm nodes of a generation no read sees yet. Returns their node ids in row order, so the
// supplies are linked by id instead of by an index lookup per end.
UNWIND $rows AS row
CREATE (f:Firm)
SET f = row, f.gen = $generation
RETURN id(f) AS node
