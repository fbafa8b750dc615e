// Removes a batch of firms of stale generations (see stale-generations), with their supplies.
MATCH (f:Firm)
WHERE f.gen < $current OR (f.gen > $current AND f.gen < $upper)
WITH f LIMIT toInteger($batch)
DETACH DELETE f
RETURN count(*) AS deleted
