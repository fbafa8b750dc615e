// The merges' change records after data version $from, up to the current one, oldest first (with the
// stamp they lead to, read in the same transaction: snapshot/stamp).
MATCH (c:SnapshotChange)
WHERE c.version > $from
RETURN c.version AS version, c.generation AS generation, c.before AS before, c.after AS after, c.firmIds AS firmIds,
       c.supplierIds AS supplierIds
ORDER BY c.version
